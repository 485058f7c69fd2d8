package de.timkim.api;

import jakarta.ws.rs.ApplicationPath;
import jakarta.ws.rs.core.Application;

/** The Matrix API owns the context root: /_matrix/..., /.well-known/matrix/..., /_tim/... */
@ApplicationPath("/")
public class MatrixApplication extends Application {}
