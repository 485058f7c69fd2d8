/**
 * How an institution proves who it is to the KIM account manager: one-time registration codes the
 * operator issues, and SMC-B authentication (a Fachdienst challenge signed with the card's
 * C.HCI.AUT key in a JWT) that yields the institution's Telematik-ID.
 */
package de.timkim.kim.registration;
