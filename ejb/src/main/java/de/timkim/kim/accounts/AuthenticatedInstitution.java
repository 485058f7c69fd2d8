package de.timkim.kim.accounts;

/** An institution whose SMC-B signed a fresh Fachdienst challenge. */
public record AuthenticatedInstitution(String telematikId, String certificateSubject) {}
