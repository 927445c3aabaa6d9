"""ru/kk/en texts of the report's plan section. Merged into :data:`geo.i18n.TEXTS`."""

# fmt: off
TEXTS: dict[str, dict[str, str]] = {
    # --- the proposals section (planning.report.proposals) ---
    "plan.heading": {
        "ru": "Предложения сценария «{scenario}»",
        "kk": "«{scenario}» сценарийінің ұсыныстары",
        "en": "Proposals of scenario '{scenario}'",
    },
    "plan.none": {
        "ru": "В рабочем пространстве нет предложений для сценария «{scenario}». Их создаёт "
              "команда: {command}",
        "kk": "Жұмыс кеңістігінде «{scenario}» сценарийі үшін ұсыныстар жоқ. Оларды мына "
              "пәрмен жасайды: {command}",
        "en": "The workspace holds no proposals for scenario '{scenario}'. Make them with: "
              "{command}",
    },
    "plan.totals": {
        "ru": "Предложено: новых социальных объектов — {facilities}, расширений инженерных "
              "сетей — {utilities}; стоимость всего около {cost_bn} млрд тенге.",
        "kk": "{facilities} жаңа әлеуметтік нысан және инженерлік желілерді {utilities} "
              "кеңейту ұсынылды; барлығының құны шамамен {cost_bn} млрд теңге.",
        "en": "Proposed: {facilities} new social facilities and {utilities} utility network "
              "expansions, about {cost_bn} bn tenge in all.",
    },
    "plan.capacity": {
        "ru": "Мощность новых объектов: {capacity}.",
        "kk": "Жаңа нысандардың қуаты: {capacity}.",
        "en": "Capacity of the new facilities: {capacity}.",
    },
    "plan.unlocked": {
        "ru": "План очерёдности финансирует {funded} из {packages} пакетов; они открывают место "
              "для {unlocked} жителей.",
        "kk": "Кезектілік жоспары {packages} пакеттің {funded} пакетін қаржыландырады; олар "
              "{unlocked} тұрғынға орын ашады.",
        "en": "The phasing plan funds {funded} of {packages} packages; they make room for "
              "{unlocked} residents.",
    },
    "plan.arrived": {
        "ru": "К {year} г. по программе прибывают {arrived} из {wanted} жителей; ждут "
              "{waiting}.",
        "kk": "{year} ж. қарай бағдарлама бойынша {wanted} тұрғынның {arrived} келеді; "
              "{waiting} күтуде.",
        "en": "By {year}, {arrived} of the programme's {wanted} residents arrive; {waiting} "
              "still wait.",
    },
    "plan.no_phasing": {
        "ru": "Плана очерёдности нет: сценарий никого не переселяет или не задаёт бюджет, "
              "поэтому число открываемых мест для жителей не рассчитано.",
        "kk": "Кезектілік жоспары жоқ: сценарий ешкімді қоныс аудармайды немесе бюджет "
              "бермейді, сондықтан тұрғындарға ашылатын орын саны есептелмеді.",
        "en": "There is no phasing plan: the scenario resettles nobody or names no budget, so "
              "the residents unlocked are not computed.",
    },
    "plan.illustrative": {
        "ru": "Стоимости иллюстративные: удельные стоимости из файла норм (раздел `costs`) дают "
              "порядок величин, чтобы сравнивать предложения по числу жителей на тенге, а не "
              "смету.",
        "kk": "Құндар үлгілік: нормалар файлындағы меншікті құндар (`costs` бөлімі) ұсыныстарды "
              "теңгеге шаққандағы тұрғындар саны бойынша салыстыру үшін шама ретін береді, "
              "смета емес.",
        "en": "Costs are illustrative: the unit costs of the norms file (section `costs`) give "
              "orders of magnitude for ranking proposals by residents per tenge, not a budget "
              "estimate.",
    },
    "plan.map_title": {
        "ru": "Предлагаемые объекты: {region}",
        "kk": "Ұсынылатын нысандар: {region}",
        "en": "Proposed facilities: {region}",
    },
    "plan.layer_networks": {
        "ru": "Новые объекты по сетям",
        "kk": "Желілер бойынша жаңа нысандар",
        "en": "New facilities by network",
    },
    "plan.layer_existing": {
        "ru": "Новые среди существующих",
        "kk": "Бар нысандар арасындағы жаңалары",
        "en": "New among existing facilities",
    },
    "plan.status.existing": {"ru": "существующий", "kk": "бар", "en": "existing"},
    "plan.status.proposed": {"ru": "предлагаемый", "kk": "ұсынылатын", "en": "proposed"},
    "plan.col.proposal": {"ru": "Предложение", "kk": "Ұсыныс", "en": "Proposal"},
    "plan.col.network": {"ru": "Сеть", "kk": "Желі", "en": "Network"},
    "plan.col.kind": {"ru": "Тип объекта", "kk": "Нысан түрі", "en": "Facility type"},
    "plan.col.facility": {"ru": "Объект", "kk": "Нысан", "en": "Facility"},
    "plan.col.status": {"ru": "Статус", "kk": "Мәртебесі", "en": "Status"},
    "plan.col.site": {"ru": "Площадка", "kk": "Алаң", "en": "Site"},
    "plan.col.capacity": {"ru": "Мощность", "kk": "Қуаты", "en": "Capacity"},
    "plan.col.measure": {"ru": "Единица измерения", "kk": "Өлшем бірлігі",
                         "en": "Measured in"},
    "plan.col.served": {"ru": "Обслуживает жителей", "kk": "Қызмет көрсететін тұрғындар",
                        "en": "Residents served"},
    "plan.col.room": {"ru": "Место для жителей", "kk": "Тұрғындарға орын",
                      "en": "Room for residents"},
    "plan.col.cost_bn": {"ru": "Стоимость, млрд тенге", "kk": "Құны, млрд теңге",
                         "en": "Cost, bn tenge"},
    "plan.col.method": {"ru": "Метод размещения", "kk": "Орналастыру әдісі",
                        "en": "Siting method"},
    "plan.col.gap": {"ru": "Разрыв оптимальности, %", "kk": "Оңтайлылық алшақтығы, %",
                     "en": "Optimality gap, %"},
    "plan.col.zone": {"ru": "Зона", "kk": "Аймақ", "en": "Zone"},
    "plan.col.add": {"ru": "Прирост мощности", "kk": "Қуат өсімі", "en": "Capacity added"},
    "plan.col.deficit": {"ru": "Дефицит", "kk": "Тапшылық", "en": "Deficit"},
    "plan.col.order": {"ru": "Очередь", "kk": "Кезек", "en": "Order"},
    "plan.col.package": {"ru": "Пакет", "kk": "Инвестиция пакеті", "en": "Package"},
    "plan.col.contents": {"ru": "Состав пакета", "kk": "Пакет құрамы",
                          "en": "Proposals in the package"},
    "plan.col.funded": {"ru": "Год финансирования", "kk": "Қаржыландыру жылы",
                        "en": "Funded in"},
    "plan.col.commissioned": {"ru": "Год ввода", "kk": "Іске қосу жылы",
                              "en": "Commissioned in"},
    "plan.col.unlocked": {"ru": "Открыто мест для жителей", "kk": "Тұрғындарға ашылған орын",
                          "en": "Residents unlocked"},
    "plan.col.per_mtenge": {"ru": "Жителей на 1 млн тенге", "kk": "1 млн теңгеге тұрғын",
                            "en": "Residents per million tenge"},
    "plan.col.year": {"ru": "Год", "kk": "Жыл", "en": "Year"},
    "plan.col.wanted": {"ru": "Запланировано переселить (нарастающим итогом)",
                        "kk": "Қоныс аудару жоспары (жинақталған)",
                        "en": "Wanted (cumulative)"},
    "plan.col.arrived": {"ru": "Прибыли за год", "kk": "Жыл ішінде келді",
                         "en": "Arrived in the year"},
    "plan.col.cumulative": {"ru": "Прибыли (нарастающим итогом)",
                            "kk": "Келгендер (жинақталған)", "en": "Arrived (cumulative)"},
    "plan.col.waiting": {"ru": "Ждут", "kk": "Күтуде", "en": "Waiting"},
    "plan.col.explanation": {"ru": "Обоснование", "kk": "Негіздеме", "en": "Explanation"},
    "plan.facilities_table": {"ru": "Предлагаемые социальные объекты",
                              "kk": "Ұсынылатын әлеуметтік нысандар",
                              "en": "Proposed social facilities"},
    "plan.utilities_table": {"ru": "Расширения инженерных сетей",
                             "kk": "Инженерлік желілерді кеңейту",
                             "en": "Utility network expansions"},
    "plan.phasing_table": {"ru": "План очерёдности: пакеты в порядке финансирования",
                           "kk": "Кезектілік жоспары: қаржыландыру ретімен пакеттер",
                           "en": "Phasing plan: packages in the order funded"},
    "plan.arrivals_table": {"ru": "Прибытие по годам (все единицы)",
                            "kk": "Жылдар бойынша келу (барлық бірліктер)",
                            "en": "Arrivals by year (all units)"},
    "plan.explanations": {"ru": "Обоснование каждого предложения",
                          "kk": "Әр ұсыныстың негіздемесі", "en": "Why each proposal"},
    "plan.kind.school": {"ru": "школа", "kk": "мектеп", "en": "school"},
    "plan.kind.kindergarten": {"ru": "детский сад", "kk": "балабақша", "en": "kindergarten"},
    "plan.kind.polyclinic": {"ru": "поликлиника", "kk": "емхана", "en": "polyclinic"},
    "plan.method.exact": {"ru": "точный (MIP)", "kk": "дәл (MIP)", "en": "exact (MIP)"},
    "plan.method.heuristic": {"ru": "эвристический", "kk": "эвристикалық", "en": "heuristic"},
    "plan.unit.places": {"ru": "мест", "kk": "орын", "en": "places"},
    "plan.unit.visits/shift": {"ru": "посещений в смену", "kk": "ауысымына келу",
                               "en": "visits per shift"},
    "plan.unit.m3/day": {"ru": "м³/сут", "kk": "м³/тәул.", "en": "m³/day"},
    "plan.unit.Gcal/h": {"ru": "Гкал/ч", "kk": "Гкал/сағ", "en": "Gcal/h"},
    "plan.unit.MW": {"ru": "МВт", "kk": "МВт", "en": "MW"},
}
# fmt: on
