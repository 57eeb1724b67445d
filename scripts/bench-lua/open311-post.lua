-- wrk script: another system files a report through Open311 (POST requests.json, form-encoded, with its key).
-- BENCH_OPEN311_KEY is the key `sigap bench-seed` printed.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/x-www-form-urlencoded"
wrk.body = "api_key=" .. os.getenv("BENCH_OPEN311_KEY") .. "&service_code=jalan&lat=3.6031&long=98.4821" ..
  "&email=uji%40contoh.id&description=Lubang+besar+di+tengah+jalan%2C+dikirim+oleh+uji+beban."
