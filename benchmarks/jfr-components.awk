# Sums `jfr print --events jdk.ExecutionSample` output by component: prints the share of execution samples
# (Java threads on CPU; the JIT compiler and GC threads are not sampled) per component.
#
# A sample belongs to the first component below whose frames appear anywhere in its stack (the work a component
# causes, including the JDK and library code it calls); a sample none of them claims is named after its innermost
# frame outside the JDK (Tomcat, Spring MVC, Spring Security's filters, observations and metrics, ...). Filter
# frames (doFilter...) never claim a sample: a filter's frame is below everything that runs after it.

function component(    i, f) {
  for (i = 1; i <= n; i++) {
    original[i] = frames[i]
    if (frames[i] ~ /\.doFilter[A-Za-z]*\(/) frames[i] = "(filter)"
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /AccessLogFilter\.log\(|AccessLog(Writer|Queue)|ch\.qos\.logback|org\.springframework\.boot\.logging\.|org\.slf4j\./) return "access log and logging (encoding, masking, appender)"
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /argon2|bouncycastle|BCrypt|Pbkdf2/) return "password hashing"
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /io\.jsonwebtoken|dev\.secureapi\.security\.jwt\.|com\.nimbusds|oauth2\.jwt\.|oauth2\.server\.resource\./) return "JWT verification"
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /bucket4j|dev\.secureapi\.ratelimit\./) return "rate limit"
  }
  for (i = 1; i <= n; i++) {
    f = frames[i]
    if (f ~ /writeWithMessageConverters|HttpMessageConverter\.write|tools\.jackson|com\.fasterxml\.jackson/) return "JSON response (Jackson)"
  }
  for (i = 1; i <= n; i++) {
    f = original[i]
    if (f ~ /^(java|jdk|sun|javax)\./) continue
    if (f ~ /^io\.micrometer|Observation/) return "observations and metrics (Micrometer)"
    if (f ~ /^org\.apache\.(tomcat|coyote)/) return "Tomcat (HTTP parsing, socket I/O)"
    if (f ~ /^org\.apache\.catalina/) return "Tomcat (servlet container)"
    if (f ~ /^org\.springframework\.security\./) return "Spring Security filters"
    if (f ~ /^org\.springframework\.(web|http)/) return "Spring MVC"
    if (f ~ /^org\.springframework\./) return "Spring (other)"
    if (f ~ /^dev\.secureapi\./) return "secure-api filters and application code"
    if (f ~ /^(org\.hibernate|com\.github\.benmanes|org\.h2|com\.zaxxer)/) return "data access and cache"
    split(f, parts, ".")
    return "other: " parts[1] "." parts[2]
  }
  if (n > 0 && frames[1] ~ /^sun\.nio|^java\.net|^sun\.net/) return "Tomcat (HTTP parsing, socket I/O)"
  return "JDK only: " ((n > 0) ? frames[1] : "(no stack)")
}

/^jdk\.ExecutionSample/ { n = 0; thread = ""; in_stack = 0; next }
/sampledThread = / { thread = $0; sub(/.*sampledThread = "/, "", thread); sub(/".*/, "", thread); next }
/stackTrace = \[/ { in_stack = 1; next }
in_stack && /^[ \t]*\]/ { in_stack = 0; next }
in_stack {
  line = $0
  sub(/^[ \t]+/, "", line)
  sub(/[ \t]+line:.*$/, "", line)
  if (line != "..." && line != "") frames[++n] = line
  next
}
/^}/ {
  name = component()
  if (thread !~ /^http-nio/ && name !~ /^access log/) name = "background threads (" (thread ~ /C[12] CompilerThread/ ? "JIT" : "other") ")"
  count[name]++
  total++
}
END {
  if (total == 0) { print "no execution samples"; exit 1 }
  # one row per component, largest first (run.sh sorts them); the sample count last
  for (name in count) printf "%.1f%%\t%s\n", 100 * count[name] / total, name
  printf "total\t%d samples\n", total
}
