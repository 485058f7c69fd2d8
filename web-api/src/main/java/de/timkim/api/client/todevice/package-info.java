/** PUT /sendToDevice: parse the messages and hand them to the to-device service. */
package de.timkim.api.client.todevice;
