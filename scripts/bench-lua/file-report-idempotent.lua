-- wrk script: file reports as a guest with a new Idempotency-Key each (the retry-safe intake path).
local counter = 0
local body = '{"kind":"pengaduan","category":"jalan","title":"Jalan berlubang (uji beban)",' ..
  '"description":"Lubang besar di tengah jalan, dikirim oleh uji beban.","desa":"99.01.01.1001",' ..
  '"address":"Jl. Uji","lat":3.6031,"lon":98.4821,"contact":"uji@contoh.id"}'

function setup(thread)
  thread:set("prefix", tostring(math.random(1, 1000000000)))
end

function request()
  counter = counter + 1
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Idempotency-Key"] = "bench-" .. prefix .. "-" .. counter,
  }, body)
end
