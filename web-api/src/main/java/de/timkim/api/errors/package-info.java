/**
 * The one place where failures become Matrix error responses ({@code errcode}, {@code error}, HTTP
 * status), and where CORS headers required by the Client-Server API are added.
 */
package de.timkim.api.errors;
