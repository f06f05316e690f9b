// NIST SP 800-63B-4 (2025), 3.1.1.2: a password used as the only factor SHALL be at least 15
// characters; at least 64 SHOULD be allowed; no composition rules. Shared by the server (Better
// Auth's limits) and the sign-up form (its hint and minlength).
export const MIN_PASSWORD_LENGTH = 15;
export const MAX_PASSWORD_LENGTH = 128;
