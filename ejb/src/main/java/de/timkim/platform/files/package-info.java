/**
 * Data at rest on the file system: files and directories only the server's user may read (0600 and
 * 0700), created in one place for the media store, the KIM spool and temporary mail files.
 */
package de.timkim.platform.files;
