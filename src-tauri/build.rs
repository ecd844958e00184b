fn main() {
    // The About box's build date: SOURCE_DATE_EPOCH when the packaging script sets it (the
    // reproducible-builds convention), else the day this build script ran.
    println!("cargo:rerun-if-env-changed=SOURCE_DATE_EPOCH");
    let built = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse::<i64>().ok())
        .and_then(|secs| chrono::DateTime::from_timestamp(secs, 0))
        .unwrap_or_else(chrono::Utc::now);
    println!("cargo:rustc-env=CLAIMDESK_BUILD_DATE={}", built.format("%Y-%m-%d"));
    tauri_build::build()
}
