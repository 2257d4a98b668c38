<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>ClientCardView</name>
    <message>
        <location filename="../client_card_view.py" line="79"/>
        <source>INN / KPP:</source>
        <translation>ИНН / КПП:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="80"/>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="81"/>
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="82"/>
        <source>Status group:</source>
        <translation>Группа статуса:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="83"/>
        <source>Fill percentage:</source>
        <translation>Процент заполнения:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="84"/>
        <source>Expired indicators:</source>
        <translation>Просроченных показателей:</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="88"/>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="89"/>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="90"/>
        <source>Actual</source>
        <translation>Актуален</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="91"/>
        <source>Verified on</source>
        <translation>Дата актуализации</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="92"/>
        <source>Valid until</source>
        <translation>Актуален до</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="93"/>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="96"/>
        <source>The confirmation has expired: confirm or correct the value</source>
        <translation>Срок актуальности истёк: подтвердите или исправьте значение</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="108"/>
        <source>Confirm as actual today (Space)</source>
        <translation>Подтвердить актуальность сегодня (Пробел)</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="125"/>
        <source>Segment type</source>
        <translation>Тип сегмента</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="126"/>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="127"/>
        <source>Entry date</source>
        <translation>Дата входа в сегмент</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="137"/>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="138"/>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="139"/>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="149"/>
        <source>Work No.</source>
        <translation>№ работы</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="150"/>
        <source>Planned</source>
        <translation>На дату</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="151"/>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="152"/>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="153"/>
        <source>Closing reason</source>
        <translation>Причина закрытия</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="154"/>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="164"/>
        <source>Indicators</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="165"/>
        <source>Segmentation</source>
        <translation>Сегментация</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="166"/>
        <source>Contact persons</source>
        <translation>Контактные лица</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="167"/>
        <source>Works and calls</source>
        <translation>Работы и звонки</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="177"/>
        <source>planned</source>
        <translation>запланирована</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="178"/>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="179"/>
        <source>rescheduled</source>
        <translation>перенесена</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="180"/>
        <source>closed</source>
        <translation>закрыта</translation>
    </message>
    <message>
        <location filename="../client_card_view.py" line="198"/>
        <source>Only the indicators of status group &quot;{group}&quot;</source>
        <translation>Только показатели статуса «{group}»</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <location filename="../client_list_model.py" line="37"/>
        <source>Reg. number</source>
        <translation>Рег. номер</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="38"/>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="39"/>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="40"/>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="41"/>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <location filename="../client_list_model.py" line="42"/>
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
        <location filename="../client_list_view.py" line="177"/>
        <source>Found: {count}</source>
        <translation>Найдено: {count}</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="212"/>
        <source>Export clients</source>
        <translation>Выгрузка клиентов</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="214"/>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="227"/>
        <source>Exporting clients…</source>
        <translation>Выгружаю клиентов…</translation>
    </message>
    <message>
        <location filename="../client_list_view.py" line="246"/>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count}, файл {file}</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../main_window.py" line="34"/>
        <source>ric_desk — remote service workstation</source>
        <translation>ric_desk — рабочее место дистанционного сервиса</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="39"/>
        <location filename="../main_window.py" line="52"/>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="63"/>
        <source>nobody</source>
        <translation>не выбран</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="64"/>
        <source>User: {name}</source>
        <translation>Пользователь: {name}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="66"/>
        <source>Database: {db}</source>
        <translation>База: {db}</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="76"/>
        <source>The database has no clients yet. To look around on example data, start the program with the demo database: ric-desk --demo</source>
        <translation>В базе пока нет клиентов. Чтобы посмотреть программу на примере, запустите её с демонстрационной базой: ric-desk --demo</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="83"/>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="84"/>
        <source>Export client list to Excel…</source>
        <translation>Выгрузить список клиентов в Excel…</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="89"/>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="94"/>
        <source>&amp;Window</source>
        <translation>&amp;Окна</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="95"/>
        <source>Client list</source>
        <translation>Список клиентов</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="99"/>
        <source>Close card</source>
        <translation>Закрыть карточку</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="103"/>
        <source>Next tab</source>
        <translation>Следующая вкладка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="110"/>
        <source>F&amp;avourites</source>
        <translation>&amp;Избранное</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="114"/>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="115"/>
        <location filename="../main_window.py" line="119"/>
        <source>About ric_desk</source>
        <translation>О программе ric_desk</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="121"/>
        <source>ric_desk {version}: the workstation of a remote service department.</source>
        <translation>ric_desk {version}: рабочее место отдела дистанционного сервиса.</translation>
    </message>
    <message>
        <location filename="../main_window.py" line="134"/>
        <source>Add the open card to favourites</source>
        <translation>Добавить открытую карточку в избранное</translation>
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
