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
    };

    public static string For(HttpContext context, string code, string fallback) =>
        Catalogue.TryGetValue(code, out var text) ? context.T(text.Zh, text.En) : fallback;
}
