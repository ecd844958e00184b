//! The X12 tokenizer: separators from the ISA header, then segments and elements.
//!
//! Every access is checked: a missing element reads as "", never a panic.

use crate::error::X12Error;

/// The delimiters an interchange declares in its ISA header.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Separators {
    /// ISA byte 3, usually `*`.
    pub element: char,
    /// ISA16, usually `:`.
    pub component: char,
    /// ISA11 when it is a separator (5010), usually `^`.
    pub repetition: Option<char>,
    /// The character right after ISA16, usually `~`.
    pub segment: char,
}

/// One segment: its id, its elements (index 0 is the id) and its place in the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Segment<'a> {
    pub id: &'a str,
    elements: Vec<&'a str>,
    /// 1-based position in the interchange (ISA = 1).
    pub position: usize,
    component: char,
}

impl<'a> Segment<'a> {
    /// Element `n` (1-based, as in `CLP01`), or "" when absent.
    pub fn el(&self, n: usize) -> &'a str {
        self.elements.get(n).copied().unwrap_or("")
    }

    /// Number of elements after the id.
    pub fn len(&self) -> usize {
        self.elements.len().saturating_sub(1)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The components of element `n` (a composite such as `HC:99213:25`).
    pub fn components(&self, n: usize) -> Vec<&'a str> {
        let e = self.el(n);
        if e.is_empty() {
            Vec::new()
        } else {
            e.split(self.component).collect()
        }
    }

    /// Component `k` (1-based) of element `n`, or "".
    pub fn comp(&self, n: usize, k: usize) -> &'a str {
        if k == 0 {
            return "";
        }
        self.el(n).split(self.component).nth(k - 1).unwrap_or("")
    }

    /// `CLP04`-style name of element `n` for messages.
    pub fn name(&self, n: usize) -> String {
        format!("{}{:02}", self.id, n)
    }
}

/// An interchange split into segments.
#[derive(Debug, Clone)]
pub struct Interchange<'a> {
    pub separators: Separators,
    pub segments: Vec<Segment<'a>>,
}

fn usable(c: char) -> bool {
    !c.is_ascii_alphanumeric() && c != ' '
}

/// Reads the ISA header's separators and splits the whole text into segments.
pub fn tokenize(text: &str) -> Result<Interchange<'_>, X12Error> {
    let text = text.trim_start_matches(|c: char| c == '\u{feff}' || c.is_whitespace());
    if text.is_empty() {
        return Err(X12Error::Empty);
    }
    if !text.starts_with("ISA") {
        return Err(X12Error::NotX12);
    }
    let mut chars = text.char_indices().skip(3);
    let Some((_, element)) = chars.next() else {
        return Err(X12Error::TruncatedIsa("nothing after ISA".into()));
    };
    if !usable(element) || element.is_whitespace() {
        return Err(X12Error::WrongSeparators(format!(
            "element separator {element:?} (ISA byte 4) is a letter, digit or space"
        )));
    }
    // The element separator just read is the first of 16.
    let mut seen = 1;
    let mut isa_fields_end = None;
    for (i, c) in chars.by_ref() {
        if c == element {
            seen += 1;
            if seen == 16 {
                isa_fields_end = Some(i);
                break;
            }
        }
    }
    let Some(sep16) = isa_fields_end else {
        return Err(X12Error::TruncatedIsa(format!("found {seen} of the 16 ISA elements")));
    };
    let Some((_, component)) = chars.next() else {
        return Err(X12Error::TruncatedIsa("no component separator (ISA16)".into()));
    };
    let Some((term_at, segment)) = chars.next() else {
        return Err(X12Error::TruncatedIsa("no segment terminator after ISA16".into()));
    };
    if !usable(component) || component == element || component.is_whitespace() {
        return Err(X12Error::WrongSeparators(format!(
            "component separator ISA16 {component:?} must be a punctuation mark different from the element separator {element:?}"
        )));
    }
    if !usable(segment) || segment == element || segment == component {
        return Err(X12Error::WrongSeparators(format!(
            "segment terminator {segment:?} (after ISA16) must differ from the element {element:?} and component {component:?} separators and not be a letter or digit"
        )));
    }
    let isa_text = &text[..sep16];
    let isa_elements: Vec<&str> = isa_text.split(element).collect();
    let repetition = isa_elements.get(11).and_then(|r| {
        let mut cs = r.chars();
        match (cs.next(), cs.next()) {
            (Some(c), None) if usable(c) && c != element && c != component && c != segment => Some(c),
            _ => None,
        }
    });
    let separators = Separators { element, component, repetition, segment };
    let isa_full = &text[..term_at];
    let mut segments = Vec::with_capacity(text.len() / 30 + 1);
    segments.push(Segment { id: "ISA", elements: isa_full.split(element).collect(), position: 1, component });
    let rest = &text[term_at + segment.len_utf8()..];
    if !rest.trim().is_empty() && !rest.contains(segment) {
        return Err(X12Error::WrongSeparators(format!(
            "no segment after the ISA ends with the terminator {segment:?} the ISA declares"
        )));
    }
    let mut position = 1;
    let mut pieces = rest.split(segment).peekable();
    while let Some(raw) = pieces.next() {
        let last = pieces.peek().is_none();
        let raw = raw.trim_start_matches(|c: char| c.is_whitespace()).trim_end_matches(['\r', '\n']);
        if raw.is_empty() {
            continue;
        }
        position += 1;
        let elements: Vec<&str> = raw.split(element).collect();
        let id = elements.first().copied().unwrap_or("");
        if id.is_empty() || id.len() > 3 || !id.chars().all(|c| c.is_ascii_alphanumeric()) {
            let shown: String = raw.chars().take(20).collect();
            return Err(X12Error::UnexpectedSegment {
                segment: shown,
                context: "not a segment (bad segment id); wrong segment terminator or a damaged file".into(),
                at: position,
            });
        }
        if last && id != "IEA" {
            // Text after the last terminator that is not a lone IEA: the file was cut off.
            return Err(X12Error::Truncated { segment: id.to_string(), at: position });
        }
        segments.push(Segment { id, elements, position, component });
    }
    Ok(Interchange { separators, segments })
}

#[cfg(test)]
mod tests {
    use super::*;

    const ISA: &str =
        "ISA*00*          *00*          *ZZ*SENDER         *ZZ*RECEIVER       *240101*1200*^*00501*000000001*0*P*:~";

    #[test]
    fn reads_separators_and_segments() {
        let text = format!("{ISA}\nGS*HP*A*B*20240101*1200*1*X*005010X221A1~\nST*835*0001~");
        let x = tokenize(&text).unwrap();
        assert_eq!(x.separators, Separators { element: '*', component: ':', repetition: Some('^'), segment: '~' });
        assert_eq!(x.segments.len(), 3);
        assert_eq!(x.segments[1].id, "GS");
        assert_eq!(x.segments[1].el(8), "005010X221A1");
        assert_eq!(x.segments[1].el(99), "");
        assert_eq!(x.segments[2].position, 3);
        assert_eq!(x.segments[0].el(16), ":");
    }

    #[test]
    fn other_separators() {
        let text = ISA.replace('*', "|").replace(':', ">").replace('~', "\n");
        let text = format!("{text}SVC|HC>99213>25|100\n");
        let x = tokenize(&text).unwrap();
        assert_eq!(x.separators.segment, '\n');
        assert_eq!(x.segments[1].components(1), ["HC", "99213", "25"]);
        assert_eq!(x.segments[1].comp(1, 3), "25");
        assert_eq!(x.segments[1].comp(1, 9), "");
    }

    #[test]
    fn refuses_bad_headers() {
        assert_eq!(tokenize("  \n").unwrap_err(), X12Error::Empty);
        assert_eq!(tokenize("hello").unwrap_err(), X12Error::NotX12);
        assert!(matches!(tokenize("ISA*00*  *00").unwrap_err(), X12Error::TruncatedIsa(_)));
        assert!(matches!(tokenize("ISA").unwrap_err(), X12Error::TruncatedIsa(_)));
        assert!(matches!(tokenize(&ISA.replace(":~", "*~")).unwrap_err(), X12Error::WrongSeparators(_)));
        assert!(matches!(tokenize(&ISA.replace(":~", ":G")).unwrap_err(), X12Error::WrongSeparators(_)));
        assert!(matches!(tokenize("ISA0000").unwrap_err(), X12Error::WrongSeparators(_)));
    }
}
