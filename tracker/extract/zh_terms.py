"""What a Chinese event phrase is about: category, the user's action, organisation, English gloss.

Word lists, not grammar: each rule is a regular expression over folded text (see zh_dates.fold).
Pure: no clock, no I/O.
"""

from __future__ import annotations

import re

from tracker.models import Category

_EXCHANGES = r"币安|Binance|OKX|欧易|Coinbase|Bybit|Upbit|Bithumb|Bitget|Gate|KuCoin|HTX|火币|Kraken|MEXC"


def _words(words: str, *patterns: str, flags: int = 0) -> re.Pattern[str]:
    """A pattern matching any of the space-separated ``words`` or the regular expressions ``patterns``."""
    return re.compile("|".join([*patterns, *words.split()]), flags)


_LISTING_PATTERNS = (
    rf"(?:{_EXCHANGES}).{{0,12}}(?:上线|上架|上市|下架|退市)",
    rf"(?:上线|上架)(?:.{{0,8}})?(?:{_EXCHANGES})",
)
_MACRO = """
    CPI PPI PCE GDP PMI ISM ADP JOLTS FOMC NFIB LPR 贷款市场报价利率 原油库存 EIA
    社会消费品零售 社零 工业增加值 固定资产投资 社融 社会融资 新增贷款 外汇储备 联准会
    非农 失业 初请 续请 零售销售 利率 议息 央行 联储 讲话 发言
    致辞 证词 通胀 就业 褐皮书 会议纪要 消费者信心 密歇根 职位空缺 耐用品 工业产出 贸易帐 贸易差额 物价
    降息 加息 OPEC 欧佩克 经济数据 意见摘要 货币政策 新屋 成屋 营建许可 房价 工业生产 进出口 贸易
    消费支出 个人收入 景气 财政部 国债 财长 G7 G20 央行行长 杰克逊霍尔 鲍威尔
"""
# First match wins, so the more specific kinds come first.
_CATEGORIES: tuple[tuple[Category, re.Pattern[str]], ...] = (
    (Category.OTHER, _words("投票 提案 治理")),
    (Category.UNLOCK, _words("解锁 unlock", flags=re.I)),
    (
        Category.LISTING,
        _words("上币 下架 退市 现货交易 永续合约 listing delist", *_LISTING_PATTERNS, flags=re.I),
    ),
    (
        Category.SHUTDOWN,
        _words(
            "停止服务 停止运营 停止运行 终止服务 终止运营 关停 停运 停服 清盘 关闭 下线 日落 sunset",
            r"(?:暂停|停止|关闭|终止)[^,。;]{0,12}(?:充值|充币|存款|入金|注册)",
            r"(?:停止|终止|关闭)[^,。;]{0,8}(?:服务|运营|业务|产品)",
            r"shut\s*down",
            r"wind\s*down",
            flags=re.I,
        ),
    ),
    (Category.DEADLINE, _words("截止 最后期限 期限")),
    (Category.MIGRATION, _words("迁移 兑换 置换 代币转换 migrat", flags=re.I)),
    (Category.UPGRADE, _words("升级 硬分叉 分叉 激活 upgrade", r"hard\s*fork", flags=re.I)),
    (Category.LAUNCH, _words("主网 测试网 上线 启动 推出 发布新 TGE launch mainnet testnet", flags=re.I)),
    (
        Category.REGULATION,
        _words(
            "SEC CFTC 监管 听证 法案 立法 国会 参议院 众议院 法院 "
            "庭审 审判 判决 宣判 裁决 起诉 诉讼 ETF 征求意见"
        ),
    ),
    (Category.MACRO, _words(_MACRO, r"(?:公布|发布).{0,12}(?:指数|指标|经济数据)", "领先指标")),
    (
        Category.CONFERENCE,
        _words(
            "大会 峰会 黑客松 论坛 博览会 研讨会 开发者会议 电子展 展会 CES conference summit hackathon "
            "Token2049 Devcon",
            flags=re.I,
        ),
    ),
    (
        Category.OTHER,
        _words(
            "减半 空投 回购 周年 选举 停摆 销毁 分红 快照 就任 就职 大选 "
            "休市 假期 纪念日 财报 公投 举行 举办 召开 会议"
        ),
    ),
)

# The user's action when a date is a deadline for them.
_ACTIONS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("unstake", re.compile(r"解除质押|取消质押|解质押|赎回质押")),
    ("export data", re.compile(r"导出|备份")),
    ("migrate/swap tokens", re.compile(r"迁移|兑换|置换|转换")),
    ("claim", re.compile(r"领取|申领|认领|claim", re.I)),
    ("withdraw assets", re.compile(r"提取|提现|提币|取回|取出|赎回|撤出|转出|withdraw", re.I)),
)
_DEADLINE_CUE = re.compile(r"(?:之|以)?前(?!后)|截止|截至|最后期限|期限|为止|即日起\s*[-–—~至到]")
_BACK_REFERENCE = _words("此日期 该日期 这一日期 此前完成 在此之前 届时之前 关闭前 停止服务前 停服前 下线前")
_WITHDRAWALS_STOP = re.compile(
    r"(?:停止|关闭|暂停|终止)(?:用户)?(?:提现|提币|提款|取款|赎回)|(?:提现|提币)(?:通道|服务|功能)?(?:将)?(?:关闭|停止)"
)
_USER_CUE = re.compile(r"用户|持有人|持有者|投资者|请|需|须|务必|应|尽快|建议|可在|可于|仍可|前可")

_FED_CITIES = {
    "纽约": "New York",
    "亚特兰大": "Atlanta",
    "芝加哥": "Chicago",
    "旧金山": "San Francisco",
    "克利夫兰": "Cleveland",
    "费城": "Philadelphia",
    "达拉斯": "Dallas",
    "堪萨斯城": "Kansas City",
    "明尼阿波利斯": "Minneapolis",
    "里士满": "Richmond",
    "波士顿": "Boston",
    "圣路易斯": "St. Louis",
}
_ORGS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"欧洲央行|欧央行|ECB"), "ECB"),
    (re.compile(r"英国央行|英格兰银行|英国.{0,6}央行"), "Bank of England"),
    (re.compile(r"日本央行|日银|日本.{0,6}央行"), "Bank of Japan"),
    (re.compile(r"NFIB"), "NFIB"),
    (re.compile(r"EIA|原油库存"), "EIA"),
    (
        re.compile(r"中国.{0,10}(?:CPI|PPI|GDP|PMI|社会消费品零售|工业增加值|固定资产投资)|国家统计局"),
        "National Bureau of Statistics of China",
    ),
    (re.compile(r"零售销售|耐用品"), "U.S. Census Bureau"),
    (re.compile(r"中国人民银行|人民银行|央行.{0,4}LPR|LPR"), "People's Bank of China"),
    (re.compile(r"加拿大央行"), "Bank of Canada"),
    (re.compile(r"澳洲联储|澳大利亚央行"), "Reserve Bank of Australia"),
    (re.compile(r"美联储|联储|联准会|FOMC|鲍威尔"), "Federal Reserve"),
    (re.compile(r"ISM|标普全球"), "ISM / S&P Global"),
    (re.compile(r"ADP"), "ADP"),
    (re.compile(r"初请|续请|失业救济|失业金"), "U.S. Department of Labor"),
    (re.compile(r"非农|CPI|PPI|职位空缺|JOLTS"), "U.S. Bureau of Labor Statistics"),
    (re.compile(r"PCE|GDP|个人消费支出"), "U.S. Bureau of Economic Analysis"),
    (re.compile(r"密歇根"), "University of Michigan"),
    (re.compile(r"SEC|美国证券交易委员会|美国证监会"), "SEC"),
    (re.compile(r"CFTC"), "CFTC"),
    (re.compile(r"参议院"), "U.S. Senate"),
    (re.compile(r"众议院"), "U.S. House"),
    (re.compile(r"欧佩克|OPEC"), "OPEC"),
    (re.compile(r"币安"), "Binance"),
    (re.compile(r"欧易"), "OKX"),
    (re.compile(r"火币"), "HTX"),
    (re.compile(r"以太坊"), "Ethereum"),
    (re.compile(r"比特币"), "Bitcoin"),
    (re.compile(r"索拉纳"), "Solana"),
    (re.compile(r"波场"), "TRON"),
    (re.compile(r"贝莱德"), "BlackRock"),
    (re.compile(r"灰度"), "Grayscale"),
    (re.compile(r"英伟达"), "NVIDIA"),
    (re.compile(r"特斯拉"), "Tesla"),
    (re.compile(r"微策略"), "Strategy"),
    (re.compile(r"美国劳工部|劳工统计局"), "U.S. Department of Labor"),
)
_SUBJECT_END = re.compile(r"宣布|将于|将|计划|表示|拟|已于|正式|发布|公布")
_FED_BANK = re.compile("(" + "|".join(_FED_CITIES) + ")联储")
_LATIN_NAME = re.compile(r"[A-Za-z][A-Za-z0-9.&'\-]*(?:\s+[A-Z][A-Za-z0-9.&'\-]*){0,3}")
_NOT_NAMES = re.compile(
    r"^(?:UTC|GMT|AM|PM|CPI|PPI|PCE|GDP|PMI|ISM|ADP|FOMC|NFP|JOLTS|ETF|Q[1-4]|TGE|LPR|SEC|CFTC|OPEC)$"
)

_GLOSS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"欧洲央行|欧央行"), "ECB"),
    (re.compile(r"英国央行|英格兰银行"), "Bank of England"),
    (re.compile(r"日本央行|日银"), "Bank of Japan"),
    (re.compile(r"美联储|联准会"), "Fed"),
    (re.compile(r"美国"), "U.S."),
    (re.compile(r"欧元区"), "Euro area"),
    (re.compile(r"英国"), "UK"),
    (re.compile(r"日本"), "Japan"),
    (re.compile(r"中国"), "China"),
    (re.compile(r"德国"), "Germany"),
    (re.compile(r"核心"), "core"),
    (re.compile(r"NFIB|小型企业信心"), "NFIB small business optimism"),
    (re.compile(r"贷款市场报价利率|LPR"), "loan prime rate (LPR)"),
    (re.compile(r"就业成本指数"), "employment cost index"),
    (re.compile(r"原油库存"), "crude oil inventories"),
    (re.compile(r"新屋开工"), "housing starts"),
    (re.compile(r"成屋销售"), "existing home sales"),
    (re.compile(r"标普全球"), "S&P Global"),
    (re.compile(r"初值"), "preliminary"),
    (re.compile(r"终值"), "final"),
    (re.compile(r"(?<!非)制造业"), "manufacturing"),
    (re.compile(r"非制造业|服务业"), "services"),
    (re.compile(r"非农"), "nonfarm payrolls (NFP)"),
    (re.compile(r"失业率"), "unemployment rate"),
    (re.compile(r"初请|首次申请失业|首次失业救济|失业救济"), "initial jobless claims"),
    (re.compile(r"续请"), "continuing claims"),
    (re.compile(r"零售销售"), "retail sales"),
    (re.compile(r"职位空缺"), "JOLTS job openings"),
    (re.compile(r"耐用品"), "durable goods orders"),
    (re.compile(r"消费者信心"), "consumer sentiment"),
    (re.compile(r"通胀预期"), "inflation expectations"),
    (re.compile(r"就业"), "employment"),
    (re.compile(r"存款机制利率"), "deposit facility rate"),
    (re.compile(r"利率决定|利率决议|利率决策|议息"), "rate decision"),
    (re.compile(r"会议纪要"), "minutes"),
    (re.compile(r"意见摘要"), "summary of opinions"),
    (re.compile(r"褐皮书"), "Beige Book"),
    (re.compile(r"新闻发布会|记者会"), "press conference"),
    (re.compile(r"讲话|发言|致辞"), "speaks"),
    (re.compile(r"证词|听证"), "hearing"),
    (re.compile(r"主席"), "chair"),
    (re.compile(r"理事"), "governor"),
    (re.compile(r"解锁"), "token unlock"),
    (re.compile(r"主网"), "mainnet"),
    (re.compile(r"测试网"), "testnet"),
    (re.compile(r"硬分叉"), "hard fork"),
    (re.compile(r"升级"), "upgrade"),
    (re.compile(r"迁移"), "migration"),
    (re.compile(r"停止服务|停止运营|关停|关闭|停运|下线"), "shutdown"),
    (re.compile(r"下架|退市"), "delisting"),
    (re.compile(r"空投"), "airdrop"),
    (re.compile(r"减半"), "halving"),
    (re.compile(r"投票"), "vote"),
    (re.compile(r"法案"), "bill"),
    (re.compile(r"大会|峰会"), "conference"),
)
_PEOPLE = {
    "鲍威尔": "Powell",
    "鲍曼": "Bowman",
    "沃勒": "Waller",
    "博斯蒂克": "Bostic",
    "威廉姆斯": "Williams",
    "杰斐逊": "Jefferson",
    "库克": "Cook",
    "巴尔金": "Barkin",
    "巴尔": "Barr",
    "米兰": "Miran",
    "洛根": "Logan",
    "古尔斯比": "Goolsbee",
    "哈克": "Harker",
    "穆萨莱姆": "Musalem",
    "卡什卡利": "Kashkari",
    "戴利": "Daly",
    "哈玛克": "Hammack",
    "施密德": "Schmid",
    "柯林斯": "Collins",
    "拉加德": "Lagarde",
    "植田和男": "Ueda",
    "贝利": "Bailey",
    "沃什": "Warsh",
    "哈塞特": "Hassett",
}
_MONTH = re.compile(r"(?<![\d.])(1[0-2]|[1-9])\s*月(?!\s*\d|[底末初份])")
_MONTH_NAMES = "January February March April May June July August September October November December".split()
_PERSON = re.compile("|".join(sorted(_PEOPLE, key=len, reverse=True)))

# Release families: one event per family on a line ("非农、失业率" is one release).
_FAMILIES: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("nfp", re.compile(r"非农|失业率|平均时薪")),
    ("claims", re.compile(r"初请|续请|失业救济|失业金")),
    ("cpi", re.compile(r"CPI|消费者物价")),
    ("ppi", re.compile(r"PPI|生产者物价")),
    ("pce", re.compile(r"PCE|个人消费支出|个人收入|个人支出")),
    ("gdp", re.compile(r"GDP|国内生产总值")),
    ("adp", re.compile(r"ADP")),
    ("jolts", re.compile(r"JOLTS|职位空缺")),
    ("pmi-services", re.compile(r"(?:服务业|非制造业)\s*PMI|ISM\s*(?:服务业|非制造业)")),
    ("pmi", re.compile(r"PMI")),
    ("retail", re.compile(r"零售销售")),
    ("sentiment", re.compile(r"密歇根|消费者信心|通胀预期")),
    ("minutes", re.compile(r"会议纪要")),
    ("beige", re.compile(r"褐皮书")),
    ("durables", re.compile(r"耐用品")),
    ("fed-survey", re.compile(r"联储.{0,6}(?:制造业|服务业|商业|非制造业).{0,4}(?:指数|活动|调查)")),
    ("housing-starts", re.compile(r"新屋开工|营建许可|建筑许可")),
    ("existing-homes", re.compile(r"成屋销售|成屋签约")),
    ("new-homes", re.compile(r"新屋销售")),
    ("industrial", re.compile(r"工业产出|工业生产")),
    ("trade", re.compile(r"贸易帐|贸易差额|贸易收支")),
    ("nfib", re.compile(r"NFIB|小型企业信心")),
    ("lpr", re.compile(r"LPR|贷款市场报价利率")),
    ("oil", re.compile(r"原油库存|EIA")),
    ("eci", re.compile(r"就业成本指数")),
    ("decision", re.compile(r"利率决定|利率决议|利率决策|议息|存款机制利率|货币政策决定")),
    ("speech", re.compile(r"讲话|发言|致辞|证词")),
)
_JOINS = {frozenset({"decision", "speech"}), frozenset({"sentiment"})}


def categorize(text: str) -> Category:
    for category, pattern in _CATEGORIES:
        if pattern.search(text):
            return category
    return Category.OTHER


def has_event_cue(text: str) -> bool:
    """Does ``text`` name something that happens (rather than only a date or a number)?"""
    return any(pattern.search(text) for _, pattern in _CATEGORIES)


def action_of(text: str) -> str | None:
    for action, pattern in _ACTIONS:
        if pattern.search(text):
            return action
    return None


def deadline_action(text: str) -> str | None:
    """The user's action when ``text`` makes its date a deadline ('用户需在…前提取资产')."""
    if _WITHDRAWALS_STOP.search(text):
        return "withdraw assets"
    action = action_of(text)
    if action and _DEADLINE_CUE.search(text) and (_USER_CUE.search(text) or "截止" in text):
        return action
    return None


_DEPOSITS_STOP = re.compile(r"(?:暂停|停止|关闭|终止)[^,。;]{0,12}(?:充值|充币|存款|入金|注册)")


def deposits_stop(text: str) -> bool:
    """'暂停所有币种的充值及新用户注册', '停止新用户注册及充值功能': a wind-down step."""
    return bool(_DEPOSITS_STOP.search(text))


def back_reference_action(text: str) -> str | None:
    """'用户须在此日期前导出数据': an action for the event just before, which has no date of its own."""
    action = action_of(text)
    return action if action and _BACK_REFERENCE.search(text) else None


def shutdown_action(text: str) -> str:
    return "export data" if re.search(r"数据|资料|记录|文件|邮件", text) else "withdraw assets"


def organisation(text: str, fallback: str | None = None) -> str | None:
    fed = _FED_BANK.search(text)
    if fed:
        return f"Federal Reserve Bank of {_FED_CITIES[fed.group(1)]}"
    for pattern, name in _ORGS:
        if pattern.search(text):
            return name
    verb = _SUBJECT_END.search(text)
    names = [m.group().strip(" .-&'") for m in _LATIN_NAME.finditer(text, 0, verb.start() if verb else 0)]
    names = [n for n in names if len(n) > 1 and not _NOT_NAMES.match(n)]
    if names:
        return names[-1]  # 'Starknet 生态借贷协议 Nostra 宣布…': the name nearest the verb
    for m in _LATIN_NAME.finditer(text):
        name = m.group().strip(" .-&'")
        if len(name) > 1 and not _NOT_NAMES.match(name):
            return name
    return fallback


def gloss(text: str) -> str:
    """An English rendering of the known terms in ``text``, in order ('' when none)."""
    hits: list[tuple[int, int, str]] = []
    for pattern, english in _GLOSS:
        m = pattern.search(text)
        if m:
            hits.append((m.start(), m.end(), english))
    fed = _FED_BANK.search(text)
    if fed:
        hits.append((fed.start(), fed.end(), f"{_FED_CITIES[fed.group(1)]} Fed"))
    for m in _PERSON.finditer(text):
        hits.append((m.start(), m.end(), _PEOPLE[m.group()]))
    month = _MONTH.search(text)
    if month:  # '美国 2 月 CPI': the reference month, in English
        hits.append((month.start(), month.end(), _MONTH_NAMES[int(month.group(1)) - 1]))
    words: list[str] = []
    covered = -1
    for _start, end, english in sorted(hits, key=lambda h: (h[0], -h[1])):
        if end <= covered or english in words:
            continue  # a shorter term inside a longer one already glossed ('英国' in '英国央行')
        covered = max(covered, end)
        words.append(english)
    return " ".join(words)


def release_family(text: str) -> str | None:
    for name, pattern in _FAMILIES:
        if pattern.search(text):
            return name
    return None


def joins(group: set[str], family: str) -> bool:
    """Does a release of ``family`` belong with the releases already in ``group``?"""
    if family in group or not group:
        return True
    return any(frozenset({family, other}) in _JOINS for other in group)
