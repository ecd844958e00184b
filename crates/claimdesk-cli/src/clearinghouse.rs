//! `clearinghouse show|set`.

use crate::cli::{ClearinghouseCommand, SetClearinghouseArgs};
use crate::failure::Failure;
use crate::output;
use claimdesk_core::clearinghouse::Clearinghouse;
use claimdesk_store::{Store, StoreError};

pub fn run(store: &mut Store, command: &ClearinghouseCommand, json: bool) -> Result<(), Failure> {
    match command {
        ClearinghouseCommand::Show { id } => {
            let ch = store.clearinghouse(*id).map_err(|e| not_found(e, *id))?;
            show(&ch, json);
            Ok(())
        }
        ClearinghouseCommand::Set(args) => set(store, args, json),
    }
}

/// An unknown id is named; no clearinghouse at all says how to set one up.
fn not_found(e: StoreError, id: Option<i64>) -> StoreError {
    match (e, id) {
        (StoreError::NotFound(_), Some(id)) => StoreError::NotFound(format!("clearinghouse {id}")),
        (StoreError::NotFound(_), None) => StoreError::NotFound(
            "a clearinghouse (set one up with `claimdesk clearinghouse set`, or in the app under Practice setup > \
             Electronic claims)"
                .into(),
        ),
        (e, _) => e,
    }
}

fn show(ch: &Clearinghouse, json: bool) {
    if json {
        output::json(ch);
        return;
    }
    let mode = if ch.production { "production (ISA15 P)" } else { "test (ISA15 T)" };
    let default = if ch.is_default { ", default" } else { "" };
    outln!("{} (id {}{default})", ch.name, ch.id.unwrap_or_default());
    outln!("  {:<12}{} (ID {})", "Submitter", ch.submitter_name, ch.submitter_id);
    outln!("  {:<12}{}, {}", "Contact", ch.contact_name, output::phone(&ch.contact_phone));
    outln!("  {:<12}{} (ID {})", "Receiver", ch.receiver_name, ch.receiver_id);
    outln!(
        "  {:<12}{}:{} to {}:{}",
        "ISA",
        ch.sender_qualifier,
        ch.sender_id,
        ch.receiver_qualifier,
        ch.interchange_receiver_id
    );
    outln!("  {:<12}{mode}", "Mode");
}

fn set(store: &mut Store, args: &SetClearinghouseArgs, json: bool) -> Result<(), Failure> {
    let existing = match store.clearinghouse(None) {
        Ok(ch) => Some(ch),
        Err(StoreError::NotFound(_)) => None,
        Err(e) => return Err(e.into()),
    };
    let created = existing.is_none();
    let mut ch = existing.unwrap_or_else(|| Clearinghouse {
        id: None,
        name: String::new(),
        submitter_name: String::new(),
        submitter_id: String::new(),
        contact_name: String::new(),
        contact_phone: String::new(),
        receiver_name: String::new(),
        receiver_id: String::new(),
        sender_qualifier: "ZZ".into(),
        sender_id: String::new(),
        receiver_qualifier: "ZZ".into(),
        interchange_receiver_id: String::new(),
        production: false,
        is_default: true,
    });
    let fields: [(&Option<String>, &mut String); 11] = [
        (&args.name, &mut ch.name),
        (&args.submitter_name, &mut ch.submitter_name),
        (&args.submitter_id, &mut ch.submitter_id),
        (&args.contact_name, &mut ch.contact_name),
        (&args.contact_phone, &mut ch.contact_phone),
        (&args.receiver_name, &mut ch.receiver_name),
        (&args.receiver_id, &mut ch.receiver_id),
        (&args.sender_qualifier, &mut ch.sender_qualifier),
        (&args.sender_id, &mut ch.sender_id),
        (&args.receiver_qualifier, &mut ch.receiver_qualifier),
        (&args.interchange_receiver_id, &mut ch.interchange_receiver_id),
    ];
    for (given, field) in fields {
        if let Some(value) = given {
            *field = value.clone();
        }
    }
    if args.production {
        ch.production = true;
    } else if args.test {
        ch.production = false;
    }
    ch.is_default = true;
    let saved = store.save_clearinghouse(&ch)?;
    if !json {
        outln!("{} clearinghouse {}", if created { "Created" } else { "Updated" }, saved.id.unwrap_or_default());
    }
    show(&saved, json);
    Ok(())
}
