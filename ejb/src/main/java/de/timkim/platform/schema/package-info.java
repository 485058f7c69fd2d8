/**
 * Brings the database schema up to date with the versioned migrations in db/migration before any
 * other service touches the database. Migrations are the source of truth; Hibernate never writes
 * DDL.
 */
package de.timkim.platform.schema;
