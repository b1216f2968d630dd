namespace Tanpan.Web.Platform.Localization;

/// <summary>Error messages in the user's language, by the error's stable code. The English text of an error is
/// what API clients read; a page shows this catalogue's zh-TW text when it has one, else the English.</summary>
public static class ErrorText
{
    private static readonly Dictionary<string, (string Zh, string En)> Catalogue = new(StringComparer.Ordinal)
    {
        ["inventory.not-editable"] = ("盤查已送審或鎖定，資料不能修改；請先退回或解鎖。", "the inventory is submitted or locked: data cannot change until it is returned or unlocked."),
        ["inventory.wrong-state"] = ("目前狀態無法執行此動作。", "not possible in the inventory's current state."),
        ["inventory.separation-of-duties"] = ("送審人不能核准自己送審的盤查；須由另一位審查者核准（公司若僅一人負責，請於公司資料中聲明）。", "the person who submitted cannot approve; another reviewer must (or declare a one-person review in the company profile)."),
        ["inventory.does-not-calculate"] = ("計算有誤，無法核准；請先修正錯誤。", "the inventory does not calculate; fix its errors before approving."),
        ["inventory.locked-record-altered"] = ("鎖定紀錄與驗證碼不符，已停止下載；請解鎖後重新核准或洽平台管理者。", "the locked record does not match its hash; downloads are withheld. Unlock and approve again, or contact the operator."),
        ["inventory.entry.not-found"] = ("找不到此筆活動數據。", "no such entry in this inventory."),
        ["work-order.duplicate-number"] = ("此工單編號已存在，工單編號在公司內不可重複。", "this work-order number already exists in your company."),
        ["work-order.altered"] = ("此工單的儲存紀錄與驗證碼不符，須重新計算後才能核發證明。", "the work order's record does not match its hash; recalculate it before certifying."),
        ["work-order.not-certified"] = ("此工單尚未核發證明書。", "this work order has no certificate yet."),
        ["upload.too-large"] = ("檔案超過 10 MB 上限。", "the file is larger than the 10 MB limit."),
        ["upload.uncompressed-too-large"] = ("檔案解壓後超過 50 MB 上限。", "the file is larger than 50 MB uncompressed."),
        ["upload.too-many-rows"] = ("資料列超過 50,000 列上限。", "the sheet has more than 50,000 rows."),
        ["upload.cell-too-long"] = ("儲存格內容超過 32,767 字元上限。", "a cell is longer than 32,767 characters."),
        ["upload.not-a-spreadsheet"] = ("無法讀取：請上傳 .xlsx 或 .csv 檔（可下載範本）。", "not a readable spreadsheet: upload an .xlsx or .csv file (download the template)."),
        ["upload.extension-not-allowed"] = ("只接受 .xlsx 或 .csv 檔。", "only .xlsx or .csv files are accepted."),

        ["pact.publish.not-locked"] = ("此版本不是已鎖定的產品碳足跡（或其紀錄驗證失敗）。", ""),
        ["pact.publish.already"] = ("此版本已經發布過。", ""),
        ["pact.publish.mass"] = ("發布前須填產品重量（kg）：PACT 須載明每宣告單位的產品質量，請在產品資訊「重量」填寫。", ""),
        ["pact.publish.gwp"] = ("PACT 碳足跡只接受 AR5 或 AR6 全球暖化潛勢。", ""),

        ["reduction.name"] = ("必填：措施名稱，200 字以內", ""),
        ["reduction.kind"] = ("必填：請選擇措施類型", ""),
        ["reduction.capex"] = ("必填：投資金額 0 至 1 兆新台幣（沒有投資填 0）", ""),
        ["reduction.opex"] = ("每年維運費變動須介於 −1 兆至 1 兆新台幣（增加為正、減少為負）", ""),
        ["reduction.savings"] = ("必填：每年節省 0 至 1 兆新台幣（沒有節省填 0）", ""),
        ["reduction.abatement"] = ("必填：每年減量須大於 0、不超過 10 億 tCO2e；沒有減量的措施無法計算每噸成本", ""),
        ["reduction.start-year"] = ("必填：開始年須介於 1990 至 2100 年", ""),
        ["reduction.lifetime"] = ("必填：使用年限為 1 至 60 年的整數", ""),
        ["reduction.ramp"] = ("逐步導入年數為 0 至使用年限的整數", ""),
        ["reduction.basis"] = ("數據依據 1000 字以內", ""),
        ["reduction.too-many-measures"] = ("措施清單最多 500 項；請先刪除不需要的措施。", ""),
        ["reduction.base-year"] = ("基準年須介於 1990 至 2099 年，或留白採用盤查宣告的基準年", ""),
        ["reduction.base-tonnes"] = ("基準年排放須大於 0、不超過 10 億 tCO2e，或留白採用盤查結果", ""),
        ["reduction.boundary"] = ("請選擇邊界：範疇一＋二，或全部類別", ""),
        ["reduction.rate"] = ("自訂減量率須介於 0 至未滿 100 %", ""),
        ["reduction.rate-code"] = ("請選擇減量率：1.5 %、2.5 %、3.5 % 或自訂", ""),
        ["reduction.target-years"] = ("請填 1 至 10 個目標年，例如 2030, 2050", ""),
        ["reduction.target-year"] = ("目標年須晚於基準年，且不超過 2100 年", ""),
        ["reduction.discount-rate"] = ("折現率須介於 0 至 100 %", ""),
        ["exposure.plan"] = ("請選擇費率：一般、優惠 A 或優惠 B", ""),
        ["exposure.period"] = ("洩漏調整期別為 1、2 或 3", ""),
        ["exposure.eua"] = ("請填 1 至 5 個歐盟碳價（歐元/tCO2e），以逗號分隔，每個大於 0、不超過 1000，例如 70, 90, 130", ""),
        ["exposure.price-paid"] = ("已付碳價須介於 0 至 1000 歐元/tCO2e", ""),
        ["exposure.fx"] = ("匯率須介於 1 至 100", ""),
        ["exposure.name"] = ("必填：貨品名稱，200 字以內", ""),
        ["exposure.cn"] = ("請填 8 碼 CN 碼，例如 7318 15 90（鋼製螺絲、螺栓）", ""),
        ["exposure.not-cbam"] = ("此 CN 碼不在 CBAM 範圍（鋼鐵 72、73 章，鋁 76 章，水泥、肥料、氫、電力）；輸歐噸數不計 CBAM 成本", ""),
        ["exposure.product"] = ("請選擇貴公司已鎖定的產品碳足跡版本，或不選而自行輸入 SEE", ""),
        ["exposure.see"] = ("未選產品碳足跡時必填：直接隱含排放 0 至 100 tCO2e/t", ""),
        ["exposure.site-year"] = ("填廠區產量時必填：盤查年度（1990 至 2100），以該年範疇一、二計算 SEE", ""),
        ["exposure.site-tonnes"] = ("填盤查年度時必填：該年此貨品的產量（公噸），須大於 0", ""),
        ["exposure.benchmark"] = ("產品基準須介於 0 至 100 tCO2e/t", ""),
        ["exposure.tonnes"] = ("噸數須介於 0 至 1,000 萬", ""),
        ["exposure.baseline"] = ("有輸美噸數時必填：美國產業平均強度 0 至 100 tCO2e/t", ""),
        ["exposure.no-market"] = ("輸歐或輸美噸數至少一項大於 0", ""),
        ["exposure.too-many"] = ("最多 100 項貨品；請先刪除不需要的貨品。", ""),
        ["exposure.no-inventory"] = ("2034 年以前沒有可計算的盤查：碳費需要範疇一＋二的年排放量。", ""),
        ["exposure.no-see"] = ("此貨品沒有隱含排放數據：請鎖定產品碳足跡（含重量），或輸入 SEE。", ""),
        ["storage.positive"] = ("須大於 0", ""),
        ["storage.nonNegative"] = ("須為 0 或以上", ""),
        ["storage.fraction"] = ("須大於 0、不超過 1（比例，例如 0.9）", ""),
        ["storage.interval"] = ("區間須為 15 或 60 分鐘", ""),
        ["storage.emptyLoad"] = ("負載曲線至少需要一個區間（kW）", ""),
        ["storage.secondLifeSoh"] = ("二次電池的健康度 SOH 須介於 0.5 至 0.8", ""),
        ["storage.targetRequired"] = ("削峰策略須填削峰目標（kW）", ""),
        ["storage.bands"] = ("累進回饋級距須自 0 小時起、逐級遞增", ""),
        ["contract.empty"] = ("至少一項契約容量須大於 0 kW", ""),
        ["contract.hv-minimum"] = ("高壓及特高壓時間電價適用於契約容量合計 100 kW 以上", ""),
        ["contract.lv-maximum"] = ("低壓電力時間電價適用於契約容量未滿 100 kW", ""),
        ["meter.code"] = ("必填：電表代號 1–40 個英數字、.、_ 或 -，以英數字開頭（用於 MQTT 主題與 API 路徑）", ""),
        ["meter.name"] = ("必填：電表名稱，200 字以內", ""),
        ["meter.kind"] = ("必填：請選擇電表類型（實體、虛擬或人工抄表）", ""),
        ["meter.carrier"] = ("必填：請選擇能源別", ""),
        ["meter.semantics"] = ("必填：請選擇讀值方式（累計度數或區間用量）", ""),
        ["meter.unit"] = ("此能源別不接受這個單位；電力用度或 MWh，天然氣用立方公尺，燃料用公升、公秉、公斤或公噸，蒸汽用公噸、公斤或 GJ，水用立方公尺", ""),
        ["meter.interval"] = ("必填：間隔須為 1、5、15、30、60、1440 或 43200 分鐘", ""),
        ["meter.time-zone"] = ("必填：IANA 時區，例如 Asia/Taipei（日、月統計依此時區）", ""),
        ["meter.multiplier"] = ("倍率須大於 0、不超過 1,000,000（CT/PT 比）", ""),
        ["meter.counter-max"] = ("度數上限值須大於 0", ""),
        ["meter.maxKw"] = ("須大於 0、不超過 1e9", ""),
        ["meter.alarmKw"] = ("須大於 0、不超過 1e9", ""),
        ["tariff.id"] = ("schedule_id 須為小寫英文字母、數字與「-」組成的電價代號（例如 taipower-hv-3tou）", ""),
        ["tariff.voltage"] = ("voltage 須為 low、high 或 extra_high", ""),
        ["tariff.stages"] = ("stages 須為 2、3 或 batch", ""),
        ["tariff.date"] = ("日期須為 yyyy-MM-dd，介於 1912-01-01 至 2100-12-31", ""),
        ["tariff.component"] = ("component 須為 basic_charge、energy_charge、customer_charge 或 over_contract_surcharge（需量反應回饋 dr_credit 不能在此新增）", ""),
        ["tariff.season"] = ("season 須為 summer 或 non_summer（按戶計收與超約附加為 all）", ""),
        ["tariff.period"] = ("period 不符此項目：基本電費填契約種類，流動電費填時段，其他填 -", ""),
        ["tariff.unit"] = ("unit 與此項目不符（基本電費 NT$/kW/month，流動電費 NT$/kWh）", ""),
        ["tariff.value"] = ("value 須為 0 至 100000 的數字，小數點用「.」", ""),
        ["tariff.source"] = ("source 必填：數值出處（文件、頁次、網址）", ""),
        ["tariff.verification"] = ("verification 須為 verified、secondary 或 UNVERIFIED", ""),
        ["tariff.empty"] = ("檔案是空的；第一列須為欄位名稱", ""),
        ["tariff.header"] = ("缺少此欄位；欄位須與 taipower_tou.csv 相同", ""),
        ["tariff.rows"] = ("資料列超過 5,000 列上限", ""),
        ["tariff.fields"] = ("此列的欄位數與標題列不同", ""),
        ["tariff.unknown-schedule"] = ("不是已知的電價代號；新電價還需要時段資料，無法在此新增", ""),
        ["tariff.version-exists"] = ("此電價在這個生效日已有版本；版本不可取代，請用其他日期（或先撤回）", ""),
        ["tariff.schedule-kind"] = ("電壓或段數與此電價不符", ""),
        ["tariff.duplicate"] = ("同一版本中此項目重複", ""),
        ["tariff.surcharge"] = ("超約附加須有兩列（10% 以內與超過 10%），或都不填", ""),
        ["tariff.no-bands"] = ("此生效日還沒有這個電價的時段資料", ""),
        ["tariff.incomplete"] = ("此版本缺少必要的列（各季節的基本電費契約與時段使用的流動電費）", ""),
        ["tariff.altered"] = ("儲存的檔案內容與其 SHA-256 不符（在系統外被改動），不予使用", ""),
        ["tariff.not-found"] = ("沒有這個電價", ""),
        ["meter.alarmKgCo2ePerHour"] = ("須大於 0、不超過 1e9", ""),
        ["meter.line"] = ("產線名稱 100 字以內", ""),
        ["meter.facility"] = ("必填：請選擇貴公司的廠區", ""),
        ["meter.source"] = ("不是貴公司的排放源", ""),
        ["meter.parent"] = ("貴公司沒有這個上層電表代號", ""),
        ["meter.formula"] = ("虛擬電表公式有誤：請以空白分隔 +代號 或 -代號（例如 +MAIN -LINE1），代號須為貴公司既有電表，最多 4 層；非虛擬電表不填公式", ""),
        ["meter.duplicate-code"] = ("此電表代號已存在，代號在公司內不可重複。", ""),
        ["meter.unknown"] = ("貴公司沒有這個電表代號；請先建立電表再重新匯入。", ""),
        ["meter.virtual"] = ("虛擬電表由其他電表計算，不接受讀值。", ""),
        ["meter.reading.time"] = ("時間須為含時區的 ISO 8601（例如 2024-06-05T08:15:00+08:00），且介於 2000 年與明天之間", ""),
        ["meter.reading.value"] = ("讀值須為數字（kwh 或 value 擇一）", ""),
        ["meter.readings.limit"] = ("單次讀值筆數超過上限 50,000 筆", ""),
        ["meter.payload.json"] = ("內容不是有效的 JSON：格式為 {\"readings\":[{\"t\":…,\"kwh\":…}]}", ""),
        ["meter.reading.duplicate"] = ("同一時間出現兩個不同的讀值", ""),
        ["meter.payload.unknown"] = ("有不認得的欄位；只接受 t 與 kwh（或 value）", ""),
        ["meter.csv.header"] = ("第一列須為標題，含 t 與 kwh（或 value）欄", ""),
        ["meter.csv.row"] = ("此列欄位數與標題不符", ""),
        ["meter.broker.not-configured"] = ("此平台未設定 MQTT broker；請以 API 或上傳檔案送入讀值。", ""),
        ["meter.broker.refused"] = ("MQTT broker 未接受此帳號設定，請稍後再試或洽平台管理者。", ""),
        ["meter.quarantine.replayed"] = ("此筆資料已重新匯入。", ""),

        // Field validation, rendered from the error's code and arguments ({name} is an argument).
        ["factor.value.range"] = ("必填：每單位 kgCO2e，0 以上、不超過 1e9", ""),
        ["factor.unit.unknown"] = ("不是排放係數單位；請用 kgCO2e/單位、tCO2e/單位 或 gCO2e/單位，例如 kgCO2e/kWh", ""),
        ["factor.source.required"] = ("必填：係數來源（文件、供應商、年度），1000 字以內", ""),
        ["factor.code.pattern"] = ("必填：1–64 個小寫英文字母、數字或 -，以字母或數字開頭", ""),
        ["factor.code.taken"] = ("此代碼已存在於貴公司係數庫", ""),
        ["factor.name.required"] = ("必填：名稱（200 字以內）", ""),
        ["factor.supplier.too-long"] = ("供應商名稱 200 字以內", ""),
        ["factor.period.incomplete"] = ("參考期間須填起訖兩端（或都不填）", ""),
        ["factor.period.order"] = ("參考期間迄日須在起日當天或之後", ""),
        ["bom.line.required"] = ("必填：行號（例如 10、10.1）", ""),
        ["bom.line.duplicate"] = ("行號「{line}」重複（首次出現於 {first}）", ""),
        ["bom.name.required"] = ("必填：零件或材料名稱", ""),
        ["bom.class.unknown"] = ("「{value}」不是組件分類；可用：{allowed}", ""),
        ["bom.factor.incomplete"] = ("供應商係數須附單位（例如 kgCO2e/piece）與來源（文件、年度）", ""),
        ["bom.stage.unknown"] = ("「{value}」不是生命週期階段；可用：{allowed}", ""),
        ["bom.omitted"] = ("填「是」表示依截斷準則省略此行，或留空", ""),
        ["bom.dqr"] = ("數據品質評等須為 1（很好）至 5（差）之整數", ""),
        ["bom.parent.unknown"] = ("上階行號「{line}」不在檔案中", ""),
        ["bom.parent.loop"] = ("行號「{line}」成為自己的上階（循環）", ""),
        ["product.bom.empty"] = ("物料清單是空的：請匯入或逐行新增", ""),
        ["product.line.activity"] = ("沒有下階的行須填活動（材料、能源、運輸、廢棄物）或供應商係數", ""),
        ["footprint.singular"] = ("產品系統為奇異（循環淨產出為零），無法求解", ""),
        ["footprint.negative-scaling"] = ("求得負的倍數：循環中之投入多於產出", ""),
        ["footprint.eol.shares"] = ("回收、焚化、掩埋比例合計須為 100 %", ""),
        ["footprint.transport.activity"] = ("須為貨運活動（transport.*，每延噸公里）", ""),
        ["quantity.required"] = ("必填：數量（大於或等於 0 的數字）", ""),
        ["quantity.range"] = ("數量須大於或等於 0，且不超過 1e15", ""),
        ["number.range"] = ("須介於 {min} 與 {max} 之間", ""),
        ["unit.required"] = ("必填：單位，例如 度、公升、公秉、立方公尺、千立方公尺、公斤、公噸", ""),
        ["unit.unknown"] = ("「{value}」不是可用的單位；例如 度、kWh、公升、L、公秉、立方公尺、m3、千立方公尺、公斤、kg、公噸", ""),
        ["unit.mismatch"] = ("單位「{unit}」不適用於{activity}（係數以{factorUnit}計）；可用：{units}", "the unit '{unit}' does not fit {activity} (its factor is per {factorUnit}); allowed: {units}"),
        ["year.required"] = ("必填：年度，例如 2024", ""),
        ["year.range"] = ("年度須介於 {min} 與 {max} 之間", ""),
        ["date.required"] = ("必填：日期（yyyy-MM-dd）", ""),
        ["date.range"] = ("日期須介於 {min} 與 {max} 之間", ""),
        ["text.required"] = ("必填（{max} 字以內）", ""),
        ["text.too-long"] = ("超過 {max} 字元上限", ""),
        ["period.order"] = ("迄日須在起日（{from}）當天或之後", ""),
        ["use.unknown"] = ("用途須為固定源或移動源", ""),
        ["gwp-set.unknown"] = ("「{value}」不是可用的 GWP 版本；可用：AR4、AR5、AR6", ""),
        ["entry.source-required"] = ("請選擇排放源清冊中的排放源", ""),
        ["entry.bill-source"] = ("台電電費單須登錄於外購電力排放源", ""),
        ["entry.tou-required"] = ("請至少填一個時段的度數", ""),
        ["bill.negative"] = ("須大於或等於 0", ""),
        ["activity.unknown"] = ("「{value}」不是係數庫中的活動", ""),
        ["activity.no-factor"] = ("{activity}在係數集 {set} 中沒有係數", ""),
        ["grid.year"] = ("{year} 年沒有台灣電力排碳係數；已公告年度為 {first}–{last}", ""),
        ["use.not-available"] = ("{activity}沒有「{use}」用途的係數；可用：{allowed}", ""),
        ["import.no-rows"] = ("檔案沒有資料列", ""),
        ["import.missing-columns"] = ("缺少欄位：{columns}（請使用範本的標題列）", ""),
        ["import.unknown-source"] = ("「{value}」不是排放源清冊中的排放源；可用：{allowed}", ""),
        ["import.ambiguous-source"] = ("「{value}」對應 {count} 個排放源；請讓排放源描述不重複", ""),
        ["import.quantity-differs"] = ("數量 {quantity} 與各時段度數合計 {sum} 不符；有時段度數時請將數量留空", ""),
        ["import.quantity-required"] = ("必填：數量（大於或等於 0 的數字），或電費單的各時段度數", ""),
        ["cell.too-long"] = ("「{value}」超過 {max} 字元上限", ""),
        ["cell.not-a-number"] = ("「{value}」不是數字（須介於 {min} 與 {max}）", ""),
        ["cell.date-required"] = ("必填：日期（yyyy-MM-dd 或 Excel 日期）", ""),
        ["cell.not-a-date"] = ("「{value}」不是日期（yyyy-MM-dd 或 Excel 日期，須介於 {min} 與 {max}）", ""),
        ["cell.not-a-time"] = ("「{value}」不是日期時間（例如 2024-06-05 08:15，或含時區的 2024-06-05T08:15:00+08:00）", ""),
        ["category.unknown"] = ("請選擇類別", ""),
        ["quick.bill-outside-year"] = ("計費期間不在 {year} 年內：請改選 {billYear} 年，或修正日期", ""),
    };

    /// <summary>The message for <paramref name="code"/> in the reader's language. English readers get the English
    /// text the API sends (<paramref name="fallback"/>) unless the catalogue has its own; zh-TW readers get the
    /// catalogue's text with <paramref name="args"/> filled in (activities and units by their names).</summary>
    public static string For(HttpContext context, string code, string fallback, IReadOnlyDictionary<string, string>? args = null)
    {
        if (!Catalogue.TryGetValue(code, out var text))
        {
            return fallback;
        }

        var english = Lang.IsEnglish(context);
        if (english && text.En.Length == 0)
        {
            return fallback;
        }

        var message = english ? text.En : text.Zh;
        foreach (var (name, value) in args ?? EmptyArgs)
        {
            var shown = name switch
            {
                "activity" => context.ActivityName(value),
                "unit" or "factorUnit" => context.UnitNameOf(value),
                "use" => context.Name(Names.Use, value),
                "units" => string.Join(context.T("、", ", "), value.Split(", ").Select(context.UnitName)),
                _ => value,
            };
            message = message.Replace("{" + name + "}", shown, StringComparison.Ordinal);
        }

        // A template whose argument the error did not carry falls back to the English text rather than show "{x}".
        return message.Contains('{', StringComparison.Ordinal) ? fallback : message;
    }

    public static string For(HttpContext context, Engine.Common.FieldError error) => For(context, error.Code, error.Message, error.Args);

    private static readonly Dictionary<string, string> EmptyArgs = [];
}
