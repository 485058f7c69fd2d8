package de.timkim.it;

/**
 * Base of the integration tests. The build copies the EAR, unchanged, into the test server's
 * deployments directory before the server starts, so WildFly deploys it once at boot and every test
 * class of a pass talks to that one deployment, as clients talk to a running installation. What
 * hospital IT deploys is what the tests deploy; deploying it again per class cost most of the
 * suite's time.
 */
public abstract class DeployedEar {}
