/**
 * Monitoring: the platform scrapes its nodes' metrics, keeps a short history for the console's
 * charts and the alert rules, and searches node logs.
 */
package io.consortia.platform.monitoring;
