/**
 * Web conventions of the application that sit on top of the starter's problem+json
 * handling.
 */
@NullMarked
package dev.secureapi.example.web;

import org.jspecify.annotations.NullMarked;
