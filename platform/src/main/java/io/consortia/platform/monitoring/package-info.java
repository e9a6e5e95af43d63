/**
 * Monitoring: the platform scrapes its nodes' metrics, keeps a short history in memory for the
 * console's charts and the alert rules and a downsampled one in its database (the charts survive a
 * platform restart), and searches node logs.
 */
package io.consortia.platform.monitoring;
