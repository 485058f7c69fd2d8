/**
 * gematik's KIM account manager interfaces as KIM tools call them: I_AccountManager_Service
 * (/AccountMgmt/v2.4), I_AccountLimit_Service (/AccountLimit/v1.1) and I_ServiceInformation
 * (/ServiceInformation/v1.0), with their error model ({"message", "traceId"}).
 */
package de.timkim.api.kim.accountmanager;
