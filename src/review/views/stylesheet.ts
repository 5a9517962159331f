// The site's one stylesheet, served at /assets/site.css. Status colours on the verification page:
// green for a valid label, grey for an expired one, dark red for revoked or not issued.
export const stylesheet = `
*{box-sizing:border-box}
body{margin:0;font-family:"Noto Sans CJK SC","PingFang SC","Microsoft YaHei",sans-serif;color:#222;background:#f5f5f5;line-height:1.6}
.wrap{max-width:760px;margin:0 auto;padding:0 16px}
.masthead{background:#c8161d;color:#fff;padding:12px 0}
.masthead .wrap{display:flex;justify-content:space-between;align-items:baseline;flex-wrap:wrap;gap:8px}
.brand{font-size:20px;font-weight:bold}
.bureau{font-size:14px}
main.wrap{background:#fff;margin-top:24px;padding:24px 16px;border-radius:6px}
footer{color:#777;font-size:13px;padding:16px}
.status{display:flex;align-items:center;gap:16px;padding:16px;border-radius:6px;border:2px solid}
.status h1{margin:0;font-size:24px}
.status p{margin:4px 0 0}
.status-mark{font-size:40px;font-weight:bold;width:56px;height:56px;border-radius:50%;display:flex;align-items:center;justify-content:center;color:#fff;flex:none}
.status-valid{border-color:#1a7f37;background:#eefbf1}.status-valid .status-mark{background:#1a7f37}
.status-expired{border-color:#8c8c8c;background:#f3f3f3}.status-expired .status-mark{background:#8c8c8c}
.status-revoked,.status-not_issued{border-color:#b42318;background:#fef3f2}
.status-revoked .status-mark,.status-not_issued .status-mark{background:#b42318}
.badge{margin:16px 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:8px 16px;margin:24px 0}
dt{color:#555}dd{margin:0;word-break:break-all}
dd ul{margin:0;padding-left:18px}
.note{font-size:14px;color:#555}
.notice h1{font-size:22px}
`;
