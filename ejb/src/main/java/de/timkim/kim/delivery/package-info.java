/**
 * The delivery pipeline after a message is durable (Apache James's MailDispatcher, RemoteDelivery,
 * DSNBounce): local delivery into the mailboxes, hand-off to the relay queue, the delivery reports
 * the sender asked for and the absence notes of recipients who are away.
 */
package de.timkim.kim.delivery;
