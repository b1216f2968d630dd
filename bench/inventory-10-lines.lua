-- wrk script: POST a 10-line inventory to /api/v1/calculations/inventory.
-- Used by bench/api-load.sh (which also POSTs this exact body once with curl to check it returns 200).
-- The shell script extracts the JSON body as the lines between `wrk.body = [[` and the closing `]]`.
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.body = [[
{"reportingYear":2024,"gwpSet":"AR5","lines":[
{"id":"e1","category":"2.1","activity":"electricity.grid.tw","quantity":8640,"unit":"kWh","period":{"from":"2023-12-15","to":"2024-02-14"}},
{"id":"e2","category":"2.1","activity":"electricity.grid.tw","quantity":12000,"unit":"度"},
{"id":"car","category":"1.2","activity":"fuel.gasoline","use":"mobile","technology":"oxidation-catalyst","quantity":45.2,"unit":"L"},
{"id":"truck","category":"1.2","activity":"fuel.diesel","use":"mobile","quantity":320,"unit":"L"},
{"id":"ng","category":"1.1","activity":"fuel.natural-gas","quantity":310,"unit":"m3"},
{"id":"boiler","category":"1.1","activity":"fuel.fuel-oil","quantity":2.5,"unit":"公秉"},
{"id":"lpg","category":"1.1","activity":"fuel.lpg","quantity":150,"unit":"L"},
{"id":"gen","category":"1.1","activity":"fuel.diesel","quantity":80,"unit":"L"},
{"id":"ac","category":"1.4","activity":"refrigerant.R-410A","quantity":2.5,"unit":"kg"},
{"id":"fridge","category":"1.4","activity":"refrigerant.R-134a","quantity":0.8,"unit":"kg"}
]}
]]
