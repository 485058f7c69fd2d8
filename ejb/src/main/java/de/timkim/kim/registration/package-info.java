/**
 * The KIM account manager's side of the institution: SMC-B authentication (a Fachdienst challenge
 * signed with the card's C.HCI.AUT key in a JWT) that yields the institution's Telematik-ID, and
 * what an authenticated institution may do with its accounts and absence notes.
 */
package de.timkim.kim.registration;
