-- POST /api/v1/token with the password grant for the benchmark user, as fast as the connection allows: the
-- login load of run.sh --login-isolation. Answers other than 200 (503 when the hashing pool is full) are counted
-- by wrk as non-2xx.
wrk.method = "POST"
wrk.body = "grant_type=password&username=bench&password=correct+horse+battery"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
