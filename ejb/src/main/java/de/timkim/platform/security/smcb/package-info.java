/**
 * SMC-B authentication for every feature that needs it (KIM account manager, organisation
 * registration): the TI trust anchors, the check of an institution's C.HCI.AUT certificate (chain,
 * policy OID, admission extension, OCSP) and the single-use challenges the card signs.
 */
package de.timkim.platform.security.smcb;
