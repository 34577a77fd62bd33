"""Write the samples whose bytes matter: legacy encodings, UTF-16, invisible characters.

Run from anywhere: ``python corpora/samples/make_encoded.py``. The texts are
kept here as Python strings so the files can be regenerated exactly.
"""

from __future__ import annotations

from pathlib import Path

HERE = Path(__file__).resolve().parent

SIMPLIFIED = """\
家人们晚上好，欢迎来到我们的直播间。
今天给大家带来的是这款家用空气炸锅，五升大容量，一家三口用刚刚好。
这款空气炸锅是全网最低价，别的地方都买不到这个价格。
原价999今天只要99，数量有限，抢完就没有了。
想要食谱的朋友加微信，我发给大家。
这是我用过最好用的一款空气炸锅。
最近很多朋友问怎么清洗，内胆可以直接放进洗碗机。
具体价格以下单页面为准，支持七天无理由退货。
"""

TRADITIONAL = """\
各位朋友晚上好，歡迎來到我們的直播間。
今天要介紹的是這款保濕精華液，質地清爽，一年四季都可以用。
這款精華是全網最低價，其他地方都買不到這個價格。
原價999今天只要99，數量有限，搶完就沒有了。
想要試用裝的朋友加微信，我私訊給大家。
這是我用過最好用的精華液。
最近天氣比較乾燥，大家記得多補水。
實際價格以下單頁面為準，支援七天無理由退貨。
"""

UTF16 = """\
大家好，这里是官方旗舰店直播间。
这款洗衣液是全网最低价，原价999今天只要99。
想要更多优惠的加微信。
洗衣液请放在儿童接触不到的地方。
"""

EVASION = (
    "这款面霜真的是最 好用的，没有之一。\n"
    "姐妹们说它是蕞好的面霜。\n"
    "今天全網最低價，錯過不再有。\n"
    "想要优惠的加V信，或者加vx：abc123。\n"
    "销量ＮＯ．１，回购率超高。\n"
    "这是我用过zui好的精华。\n"
    "有问题的朋友加 微 信，我一个个回复。\n"
    "同类产品里销量第1。\n"
    "它是我心中的最\u200b好面霜，没有之\u200d一。\n"
    "最近天气干燥，大家注意补水。\n"
)


def main() -> None:
    (HERE / "script_gbk.txt").write_bytes(SIMPLIFIED.encode("gbk"))
    (HERE / "script_big5.txt").write_bytes(TRADITIONAL.encode("big5"))
    (HERE / "script_traditional.txt").write_bytes(TRADITIONAL.encode("utf-8"))
    (HERE / "script_utf16.txt").write_bytes(b"\xff\xfe" + UTF16.encode("utf-16-le"))
    (HERE / "evasion.txt").write_bytes(EVASION.encode("utf-8"))
    # the start of a PNG file: NUL bytes and no text in any encoding
    (HERE / "binary.bin").write_bytes(bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000010000000100806000000"
        "1ff3ff610000000467414d410000b18f0bfc6105000000097048597300"))
    (HERE / "empty.txt").write_bytes(b"")


if __name__ == "__main__":
    main()
