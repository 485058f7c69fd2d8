/**
 * Administration over HTTP for automation (/_tim/v1/admin/...), authenticated with an Org-Admin
 * portal account by HTTP Basic over TLS. The portal offers the same operations with a UI.
 */
package de.timkim.api.ops.admin;
