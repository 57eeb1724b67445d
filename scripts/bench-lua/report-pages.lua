-- GET a different public report page on every request, so the 5-second anonymous page cache almost never
-- answers: this measures the uncached page. BENCH_REPORTS and BENCH_YEAR come from scripts/bench.
local reports = tonumber(os.getenv("BENCH_REPORTS") or "100000")
local year = os.getenv("BENCH_YEAR") or "2026"

function init(args)
  math.randomseed(tonumber(tostring({}):match("0x(%x+)") or "1", 16) % 2147483647)
end

function request()
  local n = math.random(1, reports)
  -- bench-seed makes every tenth report confidential (readers get 404): take its neighbour
  if n % 10 == 0 then n = n - 1 end
  return wrk.format("GET", string.format("/laporan/SGP-%s-%06d", year, n))
end
