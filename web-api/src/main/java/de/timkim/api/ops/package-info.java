/** Endpoints for operators and load balancers, outside the Matrix namespace (/_tim/...). */
package de.timkim.api.ops;
