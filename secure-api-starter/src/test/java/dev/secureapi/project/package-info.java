/**
 * Tests of the repository itself: its documentation links and its CI workflows.
 */
package dev.secureapi.project;
