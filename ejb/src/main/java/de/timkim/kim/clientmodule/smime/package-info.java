/**
 * KIM's S/MIME through the Konnektor: a message is signed with the sender's card (CMS SignedData,
 * encapsulated), encrypted for every recipient and the sender (CMS AuthEnvelopedData, AES-256-GCM;
 * KIM 1.0 EnvelopedData on request), and opened again with the recipient's card, its signature
 * checked.
 */
package de.timkim.kim.clientmodule.smime;
