/**
 * System notices and the retention setting of an organisation's messenger services, as its admin
 * changes them; both reach the users through their server-notices room.
 */
package de.timkim.organisations.notices;
