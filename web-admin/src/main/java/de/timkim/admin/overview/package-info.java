/** The portal's start page: the state of this installation as the signed-in admin sees it. */
package de.timkim.admin.overview;
