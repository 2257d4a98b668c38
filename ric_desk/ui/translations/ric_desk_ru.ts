<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AssignTaskDialog</name>
    <message>
        <location filename="../task_dialog.py" line="31"/>
        <source>ПРИЗ task for the listed clients</source>
        <translation>Задание ПРИЗ клиентам из списка</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="37"/>
        <source>The task goes to every client of the list as it is filtered now ({listed}). Operators see it in the ПРИЗ table of the call.</source>
        <translation>Задание получит каждый клиент списка с текущими поиском и фильтрами ({listed}). Операторы увидят его в таблице ПРИЗ при звонке.</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="44"/>
        <source>e.g. Презентовать услугу Видеосеминары</source>
        <translation>например: Презентовать услугу Видеосеминары</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="50"/>
        <source>Task:</source>
        <translation>Задание:</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="51"/>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="66"/>
        <source>Write the task.</source>
        <translation>Напишите текст задания.</translation>
    </message>
    <message>
        <location filename="../task_dialog.py" line="78"/>
        <source>The list has no clients: nothing was assigned.</source>
        <translation>В списке нет клиентов: задание никому не дано.</translation>
    </message>
</context>
<context>
    <name>ClientCardView</name>
    <message>
        <location filename="../client_card_view.py" line="64"/>
        <source>INN / KPP:</source>
        <translation>ИНН / КПП:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="65"/>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="66"/>
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="67"/>
        <source>Status group:</source>
        <translation>Группа статуса:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="68"/>
        <source>Fill percentage:</source>
        <translation>Процент заполнения:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="69"/>
        <source>Expired indicators:</source>
        <translation>Просроченных показателей:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="78"/>
        <source>Change value (F2)</source>
        <translation>Изменить значение (F2)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="83"/>
        <source>Confirm as actual today (Space)</source>
        <translation>Подтвердить актуальность сегодня (Пробел)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="101"/>
        <source>Segment type</source>
        <translation>Тип сегмента</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="102"/>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="103"/>
        <source>Entry date</source>
        <translation>Дата входа в сегмент</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="110"/>
        <source>Change segment (F2)</source>
        <translation>Изменить сегмент (F2)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="119"/>
        <location filename="../client_card_view.py" line="158"/>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="120"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="121"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="128"/>
        <source>Add contact person (Ins)</source>
        <translation>Добавить контактное лицо (Ins)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="131"/>
        <source>Open person card (Enter)</source>
        <translation>Открыть карточку (Enter)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="142"/>
        <location filename="../client_card_view.py" line="157"/>
        <source>Work No.</source>
        <translation>№ работы</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="143"/>
        <source>Planned</source>
        <translation>На дату</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="144"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="145"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="146"/>
        <source>Closing reason</source>
        <translation>Причина закрытия</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="147"/>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="156"/>
        <source>Contact time</source>
        <translation>Время контакта</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="159"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="160"/>
        <source>Took place</source>
        <translation>Состоялся</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="162"/>
        <source>Minutes</source>
        <translation>Минут</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="165"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="179"/>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="180"/>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="181"/>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="182"/>
        <source>Was</source>
        <translation>Было</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="183"/>
        <source>Became</source>
        <translation>Стало</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="193"/>
        <source>Indicators</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="194"/>
        <source>Segmentation</source>
        <translation>Сегментация</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="195"/>
        <source>Contact persons</source>
        <translation>Контактные лица</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="196"/>
        <source>Works and calls</source>
        <translation>Работы и звонки</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="197"/>
        <source>Change history</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="255"/>
        <source>planned</source>
        <translation>запланирована</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="256"/>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="257"/>
        <source>rescheduled</source>
        <translation>перенесена</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="258"/>
        <source>closed</source>
        <translation>закрыта</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="276"/>
        <source>Only the indicators of status group &quot;{group}&quot;</source>
        <translation>Только показатели статуса «{group}»</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <location filename="../client_list_model.py" line="40"/>
        <source>Reg. number</source>
        <translation>Рег. номер</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="41"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="42"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="43"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="44"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="45"/>
        <source>Status group</source>
        <translation>Группа статуса</translation>
    </message>
</context>
<context>
    <name>ClientListView</name>
    <message>
        <location filename="../client_list_view.py" line="50"/>
        <source>Reg. number, INN, name or phone digits</source>
        <translation>Рег. номер, ИНН, часть наименования или цифры телефона</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="60"/>
        <source>Only with expired indicators</source>
        <translation>Только с просроченными показателями</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="87"/>
        <source>Export to Excel…</source>
        <translation>Выгрузить в Excel…</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="92"/>
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="94"/>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="98"/>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="96"/>
        <source>Status group:</source>
        <translation>Группа статуса:</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="128"/>
        <source>(all)</source>
        <translation>(все)</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="178"/>
        <source>Found: {count}</source>
        <translation>Найдено: {count}</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="180"/>
        <source>Found: more than {count}</source>
        <translation>Найдено: более {count}</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="214"/>
        <source>Export clients</source>
        <translation>Выгрузка клиентов</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="216"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="229"/>
        <source>Exporting clients…</source>
        <translation>Выгружаю клиентов…</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="248"/>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count}, файл {file}</translation>
    </message>
</context>
<context>
    <name>CloseWorkDialog</name>
    <message>
        <location filename="../close_dialog.py" line="40"/>
        <source>Close the work</source>
        <translation>Закрыть работу</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="43"/>
        <source>Choose the reason / result for {work}</source>
        <translation>Выберите причину / результат действия для: {work}</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="47"/>
        <source>Reason / result</source>
        <translation>Причина / результат действия</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="59"/>
        <source>  (needs a comment)</source>
        <translation>  (нужен комментарий)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="76"/>
        <source>Comment (required for some reasons)</source>
        <translation>Комментарий (для некоторых причин обязателен)</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="86"/>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="100"/>
        <source>Choose a reason, not a group.</source>
        <translation>Выберите причину, а не группу.</translation>
    </message>
    <message>
        <location filename="../close_dialog.py" line="104"/>
        <source>This reason needs a comment: say what happened.</source>
        <translation>Для этой причины нужен комментарий: напишите, что случилось.</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <location filename="../card_dialogs.py" line="127"/>
        <source>dd.mm.yyyy</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="128"/>
        <source>7(8112)59-00-51, 8 911 362-16-89</source>
        <translation>7(8112)59-00-51, 8 911 362-16-89</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="129"/>
        <source>Surname First name Patronymic</source>
        <translation>Фамилия Имя Отчество</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="130"/>
        <source>a whole number</source>
        <translation>целое число</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="139"/>
        <source>Value:</source>
        <translation>Значение:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="140"/>
        <source>Saving confirms the value as actual today on your name.</source>
        <translation>Сохранение подтверждает значение как актуальное на сегодня от вашего имени.</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="143"/>
        <source>It will be valid until {date}.</source>
        <translation>Оно будет актуально до {date}.</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="196"/>
        <source>Saved now: {value}</source>
        <translation>Сейчас сохранено: {value}</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="197"/>
        <source>Press OK to save your value over it, or Cancel to keep it.</source>
        <translation>Нажмите OK, чтобы записать ваше значение вместо него, или Отмена, чтобы оставить его.</translation>
    </message>
</context>
<context>
    <name>IndicatorTable</name>
    <message>
        <location filename="../views.py" line="41"/>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../views.py" line="42"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../views.py" line="43"/>
        <source>Actual</source>
        <translation>Актуален</translation>
    </message>
    <message>
        <location filename="../views.py" line="44"/>
        <source>Verified on</source>
        <translation>Дата актуализации</translation>
    </message>
    <message>
        <location filename="../views.py" line="45"/>
        <source>Valid until</source>
        <translation>Актуален до</translation>
    </message>
    <message>
        <location filename="../views.py" line="46"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../views.py" line="49"/>
        <source>The confirmation has expired: confirm or correct the value</source>
        <translation>Срок актуальности истёк: подтвердите или исправьте значение</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="45"/>
        <source>ric_desk — remote service workstation</source>
        <translation>ric_desk — рабочее место дистанционного сервиса</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="50"/>
        <location filename="../main_window.py" line="64"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="51"/>
        <location filename="../main_window.py" line="122"/>
        <location filename="../main_window.py" line="264"/>
        <source>Call session</source>
        <translation>Сессия обзвонки</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="75"/>
        <source>nobody</source>
        <translation>не выбран</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>User: {name}</source>
        <translation>Пользователь: {name}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="78"/>
        <source>Database: {db}</source>
        <translation>База: {db}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="88"/>
        <source>The database has no clients yet: import them (File → Import clients, Ctrl+I) or look around on example data with the demo database: ric-desk --demo</source>
        <translation>В базе пока нет клиентов: загрузите их (Файл → Загрузить клиентов, Ctrl+I) или посмотрите программу на примере демонстрационной базы: ric-desk --demo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="96"/>
        <source>Import clients from Excel or CSV…</source>
        <translation>Загрузить клиентов из Excel или CSV…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="100"/>
        <source>Export the list to Excel…</source>
        <translation>Выгрузить список в Excel…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="106"/>
        <source>Give a ПРИЗ task to the listed clients…</source>
        <translation>Дать задание ПРИЗ клиентам из списка…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="112"/>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="117"/>
        <source>&amp;Window</source>
        <translation>&amp;Окна</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="118"/>
        <source>Client list</source>
        <translation>Список клиентов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="126"/>
        <source>Close card</source>
        <translation>Закрыть карточку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="130"/>
        <source>Next tab</source>
        <translation>Следующая вкладка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="137"/>
        <source>F&amp;avourites</source>
        <translation>&amp;Избранное</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="141"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="142"/>
        <location filename="../main_window.py" line="146"/>
        <source>About ric_desk</source>
        <translation>О программе ric_desk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="148"/>
        <source>ric_desk {version}: the workstation of a remote service department.</source>
        <translation>ric_desk {version}: рабочее место отдела дистанционного сервиса.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="161"/>
        <source>Add the open card to favourites</source>
        <translation>Добавить открытую карточку в избранное</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="199"/>
        <source>the whole list</source>
        <translation>весь список</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="204"/>
        <source>The task was given to {count} clients.</source>
        <translation>Задание дано клиентам: {count}.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="215"/>
        <source>Import clients</source>
        <translation>Загрузка клиентов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="217"/>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel или CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="233"/>
        <source>Importing clients…</source>
        <translation>Загружаю клиентов…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="240"/>
        <source>Imported clients: {count}</source>
        <translation>Загружено клиентов: {count}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="243"/>
        <source>The file was not imported; nothing was written.</source>
        <translation>Файл не загружен, ничего не записано.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="305"/>
        <source>A work is still taken in the call session: record and close it, re-schedule it or give it back first.</source>
        <translation>В сессии обзвонки взята работа: сначала зафиксируйте и закройте её, перенесите или верните в очередь.</translation>
    </message>
</context>
<context>
    <name>PersonCardDialog</name>
    <message>
        <location filename="../person_card_view.py" line="33"/>
        <source>Contact person [{name}]</source>
        <translation>Контактное лицо [{name}]</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="41"/>
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="42"/>
        <source>Department:</source>
        <translation>Подразделение:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="44"/>
        <source>Started on:</source>
        <translation>Дата начала работы:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="45"/>
        <source>Profile:</source>
        <translation>Профиль:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="46"/>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="50"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="51"/>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="52"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="53"/>
        <source>Favourite</source>
        <translation>Любимый</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="54"/>
        <source>Undesirable</source>
        <translation>Нежелательно</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="56"/>
        <source>Do not use this contact</source>
        <translation>Этот контакт использовать нежелательно</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="66"/>
        <location filename="../person_card_view.py" line="69"/>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="72"/>
        <source>Characteristics:</source>
        <translation>Характеристики:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="74"/>
        <source>Interests:</source>
        <translation>Интересы:</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="83"/>
        <source>Status group: {group}    Fill percentage: {fill} %</source>
        <translation>Группа статуса: {group}    Процент заполнения: {fill} %</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="95"/>
        <source>Contact details</source>
        <translation>Контактные данные</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="96"/>
        <source>Characteristics and interests</source>
        <translation>Характеристики и интересы</translation>
    </message>
    <message>
        <location filename="../person_card_view.py" line="97"/>
        <source>Contact person details</source>
        <translation>Сведения о конт. лице</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <location filename="../card_dialogs.py" line="290"/>
        <source>New contact person</source>
        <translation>Новое контактное лицо</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="302"/>
        <source>Surname:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="303"/>
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="304"/>
        <source>Patronymic:</source>
        <translation>Отчество:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="305"/>
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="306"/>
        <source>Department:</source>
        <translation>Подразделение:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="307"/>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="313"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="314"/>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="315"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="316"/>
        <source>Favourite</source>
        <translation>Любимый</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="317"/>
        <source>Undesirable</source>
        <translation>Нежелательно</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="324"/>
        <source>Add a phone or e-mail</source>
        <translation>Добавить телефон или e-mail</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="327"/>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="346"/>
        <source>Characteristics:</source>
        <translation>Характеристики:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="349"/>
        <source>Interests:</source>
        <translation>Интересы:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="355"/>
        <source>Contact details:</source>
        <translation>Контактные данные:</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <location filename="../script_panel.py" line="68"/>
        <source>No call script for this stage.</source>
        <translation>Для этого этапа нет скрипта.</translation>
    </message>
    <message>
        <location filename="../script_panel.py" line="79"/>
        <source>Words</source>
        <translation>Текст</translation>
    </message>
    <message>
        <location filename="../script_panel.py" line="81"/>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <location filename="../script_panel.py" line="89"/>
        <location filename="../script_panel.py" line="98"/>
        <source>Answers: {answers}</source>
        <translation>Ответы: {answers}</translation>
    </message>
    <message>
        <location filename="../script_panel.py" line="144"/>
        <source>Path: no steps taken yet (Space takes a step).</source>
        <translation>Путь: шаги ещё не пройдены (Пробел — пройти шаг).</translation>
    </message>
    <message>
        <location filename="../script_panel.py" line="149"/>
        <source>Path: {steps}</source>
        <translation>Путь: {steps}</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <location filename="../card_dialogs.py" line="236"/>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="237"/>
        <source>Entry date:</source>
        <translation>Дата входа:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="241"/>
        <source>now</source>
        <translation>по сей день</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="244"/>
        <source>No history yet.</source>
        <translation>Истории пока нет.</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="249"/>
        <source>History:</source>
        <translation>История:</translation>
    </message>
    <message>
        <location filename="../card_dialogs.py" line="275"/>
        <source>Saved now: {value}</source>
        <translation>Сейчас сохранено: {value}</translation>
    </message>
</context>
<context>
    <name>SessionTables</name>
    <message>
        <location filename="../session_models.py" line="45"/>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="46"/>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="115"/>
        <source>ПРИЗ</source>
        <translation>ПРИЗ</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="116"/>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="117"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="118"/>
        <source>Worked on</source>
        <translation>Вела работу</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="119"/>
        <source>Completed</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="120"/>
        <source>Unplanned</source>
        <translation>Внеплановый</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="121"/>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="122"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="128"/>
        <source>Dynamic</source>
        <translation>Динамический</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="129"/>
        <source>Task</source>
        <translation>Задание</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="130"/>
        <source>Competitor</source>
        <translation>Конкурент</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="135"/>
        <source>Finished</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="137"/>
        <source>Retired</source>
        <translation>Снят</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="138"/>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="231"/>
        <source>Instrument</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="232"/>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="233"/>
        <source>Before</source>
        <translation>Ранее</translation>
    </message>
    <message>
        <location filename="../session_models.py" line="234"/>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <location filename="../session_view.py" line="119"/>
        <source>All directions</source>
        <translation>Все направления</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="124"/>
        <source>Any campaign</source>
        <translation>Любая кампания</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="129"/>
        <source>All kinds of work</source>
        <translation>Все виды работ</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="140"/>
        <source>Next work (F8)</source>
        <translation>Следующая работа (F8)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="145"/>
        <source>Operator: {name}</source>
        <translation>Оператор: {name}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="147"/>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="155"/>
        <source>Works:</source>
        <translation>Работы:</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="163"/>
        <source>Planned</source>
        <translation>План</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="164"/>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="165"/>
        <location filename="../session_view.py" line="204"/>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="166"/>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="167"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="168"/>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="168"/>
        <source>team</source>
        <translation>группа</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="169"/>
        <source>Taken by</source>
        <translation>Взята</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="171"/>
        <source>A re-call that is due</source>
        <translation>Пора перезвонить</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="182"/>
        <location filename="../session_view.py" line="527"/>
        <source>No work taken: press F8 for the next one.</source>
        <translation>Работа не взята: F8 — следующая работа.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="198"/>
        <source>Check (F6)</source>
        <translation>Проверить (F6)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="205"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="206"/>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="207"/>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="209"/>
        <source>Undesirable number</source>
        <translation>Нежелательный номер</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="234"/>
        <source>Contact goal (Ctrl+G): answer every question</source>
        <translation>Цель контакта (Ctrl+G): ответьте на каждый вопрос</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="237"/>
        <source>ПРИЗ (Ctrl+P): Space — worked on, Shift+Space — done, F2 — comment</source>
        <translation>ПРИЗ (Ctrl+P): Пробел — вела работу, Shift+Пробел — работа завершена, F2 — комментарий</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="246"/>
        <source>Contact time</source>
        <translation>Время контакта</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="247"/>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="248"/>
        <source>Took place</source>
        <translation>Состоялся</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="249"/>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="259"/>
        <source>Goal and ПРИЗ</source>
        <translation>Цель и ПРИЗ</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="260"/>
        <source>Instruments</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="261"/>
        <source>Earlier attempts</source>
        <translation>Прежние попытки</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="266"/>
        <source>Client card</source>
        <translation>Карточка клиента</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="270"/>
        <source>Result of the call (Ctrl+R)</source>
        <translation>Результат звонка (Ctrl+R)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="273"/>
        <source>Contact took place</source>
        <translation>Контакт состоялся</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="284"/>
        <source>Call again:</source>
        <translation>Повторить звонок:</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="294"/>
        <source>Record (Ctrl+S)</source>
        <translation>Зафиксировать (Ctrl+S)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="297"/>
        <source>Close the work (Ctrl+Enter)</source>
        <translation>Закрыть работу (Ctrl+Enter)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="300"/>
        <source>Give back (Ctrl+Shift+Q)</source>
        <translation>Вернуть в очередь (Ctrl+Shift+Q)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="310"/>
        <source>Check result:</source>
        <translation>Результат проверки:</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="333"/>
        <source>Script (F7): ↑↓ steps, ←→ situation, Space — taken</source>
        <translation>Скрипт (F7): ↑↓ шаги, ←→ ситуация клиента, Пробел — шаг пройден</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="375"/>
        <source>Next work</source>
        <translation>Следующая работа</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="376"/>
        <source>Check the call</source>
        <translation>Проверить звонок</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="377"/>
        <source>Go to the script</source>
        <translation>Перейти к скрипту</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="378"/>
        <source>Go to the goal</source>
        <translation>Перейти к цели контакта</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="379"/>
        <source>Go to ПРИЗ</source>
        <translation>Перейти к ПРИЗ</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="380"/>
        <source>Go to the result</source>
        <translation>Перейти к результату</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="381"/>
        <source>Record the contact</source>
        <translation>Зафиксировать контакт</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="382"/>
        <source>Call again in 15 minutes</source>
        <translation>Повторить звонок через 15 минут</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="383"/>
        <source>Call again in 30 minutes</source>
        <translation>Повторить звонок через 30 минут</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="384"/>
        <source>Call again in 60 minutes</source>
        <translation>Повторить звонок через 60 минут</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="385"/>
        <source>Call again at a time</source>
        <translation>Повторить звонок в указанное время</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="386"/>
        <location filename="../session_view.py" line="387"/>
        <source>Close the work</source>
        <translation>Закрыть работу</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="388"/>
        <source>Give the work back</source>
        <translation>Вернуть работу в очередь</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="389"/>
        <source>Refresh the queue</source>
        <translation>Обновить очередь</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="451"/>
        <source>Planned: {planned}   Done: {done}   Left: {left}</source>
        <translation>Запланировано: {planned}   Выполнено: {done}   Осталось: {left}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="475"/>
        <source>Finish the work you have first: record and close it, re-schedule it or give it back (Ctrl+Shift+Q).</source>
        <translation>Сначала завершите взятую работу: зафиксируйте и закройте её, перенесите или верните в очередь (Ctrl+Shift+Q).</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="494"/>
        <source>This work cannot be taken: another operator holds it.</source>
        <translation>Эту работу взять нельзя: она у другого оператора.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="496"/>
        <source>The queue is empty: no work left to take in this session.</source>
        <translation>Очередь пуста: в этой сессии не осталось работ.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="541"/>
        <source>Work No. {number} for {planned} · {direction} · {stage}
{client}</source>
        <translation>Работа №{number} на {planned} · {direction} · {stage}
{client}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="545"/>
        <source>no stage</source>
        <translation>без этапа</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="599"/>
        <source>Call allowed</source>
        <translation>Звонок разрешён</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="603"/>
        <source>Do not call: {reasons}</source>
        <translation>Звонить нельзя: {reasons}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="607"/>
        <source>Client&apos;s time: {time}</source>
        <translation>Время клиента: {time}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="648"/>
        <source>The contact is recorded.</source>
        <translation>Контакт зафиксирован.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="686"/>
        <source>It is now in the «Call again» field: press Ctrl+T and Enter to take it.</source>
        <translation>Оно подставлено в поле «Повторить звонок»: нажмите Ctrl+T и Enter, чтобы перенести на него.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="697"/>
        <source>Work No. {number}: call again at {at}.</source>
        <translation>Работа №{number}: повторный звонок {at}.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="731"/>
        <source>work No. {number}</source>
        <translation>работы №{number}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="736"/>
        <source>Work No. {number} is closed.</source>
        <translation>Работа №{number} закрыта.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="753"/>
        <source>Work No. {number} is back in the queue.</source>
        <translation>Работа №{number} возвращена в очередь.</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="760"/>
        <source>Export the queue</source>
        <translation>Выгрузить очередь</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="762"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="784"/>
        <source>Exported {count} works to {file}</source>
        <translation>Выгружено работ: {count} в {file}</translation>
    </message>
    <message>
        <location filename="../session_view.py" line="801"/>
        <source>This work is no longer yours: its lease ran out and another operator took it. Your input stays on the screen; copy what you need.</source>
        <translation>Эта работа больше не ваша: срок захвата истёк, и её взял другой оператор. Ваш ввод остался на экране — скопируйте нужное.</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <location filename="../sign_in.py" line="39"/>
        <source>Who is working</source>
        <translation>Кто работает</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="43"/>
        <source>This workstation keeps its data in a local file. Choosing your name here is not a password: anyone with access to this computer can read the file.</source>
        <translation>Это рабочее место хранит данные в локальном файле. Выбор имени здесь — не пароль: любой, у кого есть доступ к этому компьютеру, может прочитать файл.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="63"/>
        <source>Employee:</source>
        <translation>Сотрудник:</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="66"/>
        <source>The database has no employees yet: you will be its administrator.</source>
        <translation>В базе ещё нет сотрудников: вы станете её администратором.</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="68"/>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <location filename="../sign_in.py" line="69"/>
        <source>Login:</source>
        <translation>Имя для входа:</translation>
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../tasks.py" line="50"/>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <location filename="../card_dialogs.py" line="64"/>
        <source>Show what is saved now</source>
        <translation>Показать, что сохранено сейчас</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <location filename="../app.py" line="67"/>
        <source>Filling the demo database…</source>
        <translation>Заполняю демонстрационную базу…</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <location filename="../messages.py" line="21"/>
        <source>Something went wrong inside the program. Details are in {log}; please send it to the developers. Your data was not changed by the failed action.</source>
        <translation>Внутренняя ошибка программы. Подробности записаны в {log}; пожалуйста, передайте этот файл разработчикам. Неудавшееся действие ваши данные не изменило.</translation>
    </message>
    <message>
        <location filename="../messages.py" line="28"/>
        <source>ric_desk</source>
        <translation>ric_desk</translation>
    </message>
</context>
</TS>
