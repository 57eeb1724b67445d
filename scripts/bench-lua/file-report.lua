-- wrk script: file a report as a guest through the JSON API (the intake hot path).
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = '{"kind":"pengaduan","category":"jalan","title":"Jalan berlubang (uji beban)",' ..
  '"description":"Lubang besar di tengah jalan, dikirim oleh uji beban.","desa":"99.01.01.1001",' ..
  '"address":"Jl. Uji","lat":3.6031,"lon":98.4821,"contact":"uji@contoh.id"}'
