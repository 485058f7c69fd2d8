/**
 * Flyway's Java migrations (the SQL ones are resources under the same path): schema changes that H2
 * and PostgreSQL cannot both express in one SQL script.
 */
package db.migration;
