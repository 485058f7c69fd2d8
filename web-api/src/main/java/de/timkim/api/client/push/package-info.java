/** Push rule endpoints. */
package de.timkim.api.client.push;
