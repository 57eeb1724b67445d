-- wrk script: a mixed load, 90 % reads across the public paths and 10 % guests filing through the JSON API.
-- BENCH_REPORTS and BENCH_YEAR come from scripts/bench.
local reports = tonumber(os.getenv("BENCH_REPORTS") or "100000")
local year = os.getenv("BENCH_YEAR") or "2026"
local filing = '{"kind":"pengaduan","category":"jalan","title":"Jalan berlubang (uji beban campuran)",' ..
  '"description":"Lubang besar di tengah jalan, dikirim oleh uji beban campuran.","desa":"99.01.01.1001",' ..
  '"address":"Jl. Uji","lat":3.6031,"lon":98.4821,"contact":"uji@contoh.id"}'
local reads = {
  function() return "/laporan" end,
  function() return "/api/v1/reports?bbox=98.47,3.59,98.49,3.61" end,
  function() return "/forum" end,
  function() return "/musrenbang/usulan" end,
  function() return "/cari?q=jalan+berlubang" end,
  function() return "/open311/v2/services.json" end,
  function() return "/transparansi" end,
}

function init(args)
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
end

local function report()
  local n = math.random(1, reports)
  if n % 10 == 0 then n = n - 1 end  -- every tenth is confidential
  return string.format("SGP-%s-%06d", year, n)
end

function request()
  local roll = math.random(1, 100)
  if roll <= 10 then
    return wrk.format("POST", "/api/v1/reports", {["Content-Type"] = "application/json"}, filing)
  elseif roll <= 40 then
    return wrk.format("GET", "/laporan/" .. report())
  elseif roll <= 55 then
    return wrk.format("GET", "/api/v1/reports/" .. report())
  end
  return wrk.format("GET", reads[math.random(1, #reads)]())
end
