/** Password hashing shared by Matrix accounts, KIM accounts and org admins. */
package de.timkim.platform.security;
