/**
 * Absence notes of KIM accounts ("Abwesenheitsnotiz"): set by the operator for a period, answered
 * automatically per RFC 3834, once per sender and period, never to automatic mail.
 */
package de.timkim.kim.absence;
