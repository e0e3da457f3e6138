package dev.itsm.contracts.directory;

/** Whose credential a revocation names: a person's sign-in or an integration client's. */
public enum CredentialKind {
    PERSON, INTEGRATION
}
