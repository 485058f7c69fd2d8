/** Tools for test installations only (tim.test-tools.enabled): moving the clock. */
package de.timkim.api.ops.testtools;
