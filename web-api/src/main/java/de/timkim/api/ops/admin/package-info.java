/**
 * Administration over HTTP for automation (/_tim/v1/admin/...), authenticated with an Org-Admin
 * portal account by HTTP Basic over TLS, checked once per request by a filter. The resources call
 * the portal's facades with the scope the organisations grant, so both front doors share one rule.
 */
package de.timkim.api.ops.admin;
