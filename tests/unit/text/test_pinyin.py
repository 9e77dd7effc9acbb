from compendium.text.pinyin import index_letter, initials, place_syllables, slug_words, sort_key, text_syllables


def joined(syllables):
    return "".join(syllables)


def test_place_names_read_as_places():
    expected = {
        "重庆市": "chongqingshi",
        "长春市": "changchunshi",
        "长沙市": "changshashi",
        "厦门市": "xiamenshi",
        "蚌埠市": "bengbushi",
        "长宁区": "changningqu",
        "朝阳区": "chaoyangqu",
        "朝阳市": "chaoyangshi",
        "六安市": "luanshi",
        "乐清市": "yueqingshi",
        "番禺区": "panyuqu",
        "长治市": "changzhishi",
        "郫都区": "piduqu",
        "单县": "shanxian",
        "陕西省": "shaanxisheng",
        "山西省": "shanxisheng",
        "闵行区": "minhangqu",
        "阿勒泰地区": "aletaidiqu",
        "洪洞县": "hongtongxian",
    }
    assert {name: joined(place_syllables(name)) for name in expected} == expected


def test_ordinary_text_keeps_general_readings():
    # 长 in 副校长 is zhang: the place table's single characters do not apply to text
    assert joined(text_syllables("卫生健康副校长")) == "weishengjiankangfuxiaozhang"
    assert joined(text_syllables("重庆市妇幼保健院")) == "chongqingshifuyoubaojianyuan"


def test_initials_and_slugs_are_ascii():
    assert initials(text_syllables("北京大学")) == "bjdx"
    assert slug_words(text_syllables("绿色")) == "lvse"
    assert slug_words(place_syllables("长春")).isascii()


def test_sorting_is_by_pinyin_not_code_point():
    names = ["重庆市妇幼保健院", "安徽省蚌埠市第二人民医院", "北京老年医院", "浙江省温州市人民医院"]
    assert sorted(names, key=sort_key) == [
        "安徽省蚌埠市第二人民医院",
        "北京老年医院",
        "重庆市妇幼保健院",
        "浙江省温州市人民医院",
    ]
    assert sorted(names) != sorted(names, key=sort_key)


def test_index_letters():
    assert index_letter(text_syllables("重庆市妇幼保健院")) == "C"
    assert index_letter(place_syllables("长春市")) == "C"
    assert index_letter(place_syllables("厦门市")) == "X"
    assert index_letter(place_syllables("蚌埠市")) == "B"
    assert index_letter(text_syllables("321工作法")) == "#"
