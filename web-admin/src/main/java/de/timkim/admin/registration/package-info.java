/**
 * The public registration page: an organisation redeems its order's registration code by signing a
 * challenge with its SMC-B and gets its first portal admin.
 */
package de.timkim.admin.registration;
