/**
 * Password hashing: Argon2id by default, bcrypt and PBKDF2 accepted, over-long passwords
 * refused.
 */
@NullMarked
package dev.secureapi.security.password;

import org.jspecify.annotations.NullMarked;
