//! Short descriptions of common claim adjustment reason codes (CARC, X12 external code list
//! 139), for reports and denial work. Codes not listed show without a description.

const COMMON: &[(&str, &str)] = &[
    ("1", "Deductible"),
    ("2", "Coinsurance"),
    ("3", "Copay"),
    ("4", "Modifier inconsistent with procedure or missing"),
    ("5", "Procedure inconsistent with place of service"),
    ("11", "Diagnosis inconsistent with procedure"),
    ("16", "Missing information or billing error"),
    ("18", "Exact duplicate claim or service"),
    ("22", "May be covered by another payer (coordination of benefits)"),
    ("23", "Impact of prior payer adjudication"),
    ("26", "Expenses incurred before coverage"),
    ("27", "Expenses incurred after coverage ended"),
    ("29", "Time limit for filing has expired"),
    ("31", "Patient cannot be identified as our insured"),
    ("45", "Charge exceeds fee schedule / contracted amount"),
    ("50", "Not deemed a medical necessity"),
    ("96", "Non-covered charge"),
    ("97", "Included in the payment for another service"),
    ("109", "Not covered by this payer"),
    ("119", "Benefit maximum reached"),
    ("146", "Diagnosis invalid for the date of service"),
    ("167", "Diagnosis not covered"),
    ("170", "Not paid when performed by this type of provider"),
    ("197", "Precertification or authorization absent"),
    ("204", "Not covered under the patient's current benefit plan"),
    ("242", "Services not provided by network or primary care providers"),
    ("252", "Attachment or other documentation required"),
];

/// The short description of a CARC, or "" when it is not one of the common ones.
pub fn description(code: &str) -> &'static str {
    let code = code.trim();
    COMMON.iter().find(|(c, _)| *c == code).map(|(_, d)| *d).unwrap_or("")
}

#[cfg(test)]
mod tests {
    #[test]
    fn common_codes_have_words_and_others_none() {
        assert_eq!(super::description("45"), "Charge exceeds fee schedule / contracted amount");
        assert_eq!(super::description(" 1 "), "Deductible");
        assert_eq!(super::description("9999"), "");
    }
}
