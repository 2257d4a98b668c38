<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="ru_RU">
<context>
    <name>AnalyticsPage</name>
    <message>
        <source>by operator</source>
        <translation>по операторам</translation>
    </message>
    <message>
        <source>by stage</source>
        <translation>по этапам</translation>
    </message>
    <message>
        <source>by month</source>
        <translation>по месяцам</translation>
    </message>
    <message>
        <source>Targeted reviews too</source>
        <translation>И целевые прослушки</translation>
    </message>
    <message>
        <source>Count the calls picked on purpose too (they are outside the sample)</source>
        <translation>Учитывать и звонки, выбранные для прослушки специально (они вне выборки)</translation>
    </message>
    <message>
        <source>Refresh (F5)</source>
        <translation>Обновить (F5)</translation>
    </message>
    <message>
        <source>Export to Excel… (Ctrl+E)</source>
        <translation>Экспорт в Excel… (Ctrl+E)</translation>
    </message>
    <message>
        <source>Operator:</source>
        <translation>Оператор:</translation>
    </message>
    <message>
        <source>Group:</source>
        <translation>Группировка:</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Scored</source>
        <translation>С баллом</translation>
    </message>
    <message>
        <source>Reviews with a total: where nothing applied is not scored</source>
        <translation>Оценки с итогом: где ничего не применимо, оценка «не оценено» и в средние не входит</translation>
    </message>
    <message>
        <source>Average before zeroing</source>
        <translation>Без обнуления</translation>
    </message>
    <message>
        <source>The average had a critical miss not made its review&apos;s total 0</source>
        <translation>Средний балл, если бы критичная ошибка не обнуляла итог оценки</translation>
    </message>
    <message>
        <source>Passed</source>
        <translation>Прошли</translation>
    </message>
    <message>
        <source>Share of the scored reviews at the pass mark or above</source>
        <translation>Доля оценок с итогом не ниже проходного балла</translation>
    </message>
    <message>
        <source>Critical misses</source>
        <translation>Критичные</translation>
    </message>
    <message>
        <source>Share of the scored reviews with a critical miss</source>
        <translation>Доля оценок с критичной ошибкой</translation>
    </message>
    <message>
        <source>Calls for the sample</source>
        <translation>Звонков</translation>
    </message>
    <message>
        <source>Successful calls long enough for the sample (targeted ones left out)</source>
        <translation>Успешные звонки достаточной длительности, из которых берётся выборка (без целевых)</translation>
    </message>
    <message>
        <source>Reviewed of them</source>
        <translation>Прослушано</translation>
    </message>
    <message>
        <source>Calls of the sample with a published review</source>
        <translation>Звонки выборки с опубликованной оценкой</translation>
    </message>
    <message>
        <source>Coverage</source>
        <translation>Охват</translation>
    </message>
    <message>
        <source>Reviewed calls of the sample / calls for the sample</source>
        <translation>Прослушано из выборки / звонков для выборки</translation>
    </message>
    <message>
        <source>Review to Word… (Ctrl+Shift+E)</source>
        <translation>Оценка в Word… (Ctrl+Shift+E)</translation>
    </message>
    <message>
        <source>Weakest criteria</source>
        <translation>Самые слабые критерии</translation>
    </message>
    <message>
        <source>All criteria</source>
        <translation>Все критерии</translation>
    </message>
    <message>
        <source>Reviews counted</source>
        <translation>Оценки в расчёте</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Оценок</translation>
    </message>
    <message>
        <source>Average</source>
        <translation>Средний балл</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <source>Missed</source>
        <translation>Невыполнение</translation>
    </message>
    <message>
        <source>Applied</source>
        <translation>Применялся</translation>
    </message>
    <message>
        <source>Missed, times</source>
        <translation>Не выполнен</translation>
    </message>
    <message>
        <source>Fulfilment</source>
        <translation>Выполнение</translation>
    </message>
    <message>
        <source>Critical</source>
        <translation>Критичный</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Раздел</translation>
    </message>
    <message>
        <source>Check-list</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>No.</source>
        <translation>№</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <source>Total</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Critical miss</source>
        <translation>Критичная ошибка</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Supervisor</source>
        <translation>Руководитель</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <source>Reading…</source>
        <translation>Читаю…</translation>
    </message>
    <message>
        <source>Reviews: {reviews} (scored {scored}); average {average}; passed {passed}; critical misses {critical}; coverage {coverage} ({reviewed} of {eligible} calls)</source>
        <translation>Оценок: {reviews} (с баллом {scored}); средний балл {average}; прошли {passed}; критичные ошибки {critical}; охват {coverage} (прослушано {reviewed} из {eligible} звонков)</translation>
    </message>
    <message>
        <source>Period {start} – {end}</source>
        <translation>Период {start} – {end}</translation>
    </message>
    <message>
        <source>Month</source>
        <translation>Месяц</translation>
    </message>
    <message>
        <source>all operators</source>
        <translation>все операторы</translation>
    </message>
    <message>
        <source>Average score by month: {name}</source>
        <translation>Средний балл по месяцам: {name}</translation>
    </message>
    <message>
        <source>Export quality analytics</source>
        <translation>Экспорт аналитики контроля качества</translation>
    </message>
    <message>
        <source>Exporting quality analytics…</source>
        <translation>Сохраняю аналитику…</translation>
    </message>
    <message>
        <source>Saved {file} ({count} reviews counted)</source>
        <translation>Сохранено в {file} (оценок в расчёте: {count})</translation>
    </message>
    <message>
        <source>Save the review</source>
        <translation>Сохранить оценку</translation>
    </message>
    <message>
        <source>Word document (*.docx)</source>
        <translation>Документ Word (*.docx)</translation>
    </message>
    <message>
        <source>Saving the review…</source>
        <translation>Сохраняю оценку…</translation>
    </message>
    <message>
        <source>Saved {file}</source>
        <translation>Сохранено в {file}</translation>
    </message>
    <message>
        <source>Analytics</source>
        <translation>Аналитика</translation>
    </message>
</context>
<context>
    <name>AssignTaskDialog</name>
    <message>
        <source>ПРИЗ task for the listed clients</source>
        <translation>Задание ПРИЗ клиентам из списка</translation>
    </message>
    <message>
        <source>The task goes to every client of the list as it is filtered now ({listed}). Operators see it in the ПРИЗ table of the call.</source>
        <translation>Задание получит каждый клиент списка с текущими поиском и фильтрами ({listed}). Операторы увидят его в таблице ПРИЗ при звонке.</translation>
    </message>
    <message>
        <source>e.g. Презентовать услугу Видеосеминары</source>
        <translation>например: Презентовать услугу Видеосеминары</translation>
    </message>
    <message>
        <source>Task:</source>
        <translation>Задание:</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <source>Write the task.</source>
        <translation>Напишите текст задания.</translation>
    </message>
    <message>
        <source>The list has no clients: nothing was assigned.</source>
        <translation>В списке нет клиентов: задание никому не дано.</translation>
    </message>
</context>
<context>
    <name>BarChart</name>
    <message>
        <source>(the first {shown} of {count})</source>
        <translation>(первые {shown} из {count})</translation>
    </message>
</context>
<context>
    <name>CalibrationDialog</name>
    <message>
        <source>Ask for a calibration review</source>
        <translation>Запрос калибровки</translation>
    </message>
    <message>
        <source>A second, blind review of the call of {operator} ({client}) that {reviewer} scored on «{checklist}». Neither sees the other&apos;s marks until both are published; a calibration review does not count in the operator&apos;s score.</source>
        <translation>Вторая, слепая оценка звонка оператора {operator} ({client}), который {reviewer} оценил(а) по чек-листу «{checklist}». Оценщики не видят оценок друг друга, пока обе не опубликованы; калибровочная оценка не идёт в оценку оператора.</translation>
    </message>
    <message>
        <source>&amp;Second reviewer:</source>
        <translation>&amp;Второй оценщик:</translation>
    </message>
    <message>
        <source>There is no other supervisor to ask.</source>
        <translation>Больше некого попросить: других руководителей групп нет.</translation>
    </message>
</context>
<context>
    <name>CalibrationPage</name>
    <message>
        <source>E&amp;xcel…</source>
        <translation>В E&amp;xcel…</translation>
    </message>
    <message>
        <source>Both tables to an Excel workbook</source>
        <translation>Обе таблицы — в книгу Excel</translation>
    </message>
    <message>
        <source>Reviewer 1</source>
        <translation>Оценщик 1</translation>
    </message>
    <message>
        <source>Reviewer 2</source>
        <translation>Оценщик 2</translation>
    </message>
    <message>
        <source>Calls</source>
        <translation>Звонков</translation>
    </message>
    <message>
        <source>Mean difference of totals, pp</source>
        <translation>Средняя разница итогов, п.п.</translation>
    </message>
    <message>
        <source>Criteria compared</source>
        <translation>Критериев сравнено</translation>
    </message>
    <message>
        <source>Agreed</source>
        <translation>Совпало</translation>
    </message>
    <message>
        <source>Agreement</source>
        <translation>Согласие</translation>
    </message>
    <message>
        <source>Cohen&apos;s kappa</source>
        <translation>Каппа Коэна</translation>
    </message>
    <message>
        <source>Section</source>
        <translation>Раздел</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <source>Compared</source>
        <translation>Сравнений</translation>
    </message>
    <message>
        <source>Disagreed</source>
        <translation>Расхождений</translation>
    </message>
    <message>
        <source>Disagreement</source>
        <translation>Доля расхождений</translation>
    </message>
    <message>
        <source>Pairs of reviewers</source>
        <translation>Пары оценщиков</translation>
    </message>
    <message>
        <source>Criteria reviewers disagree on most</source>
        <translation>Критерии, по которым оценщики расходятся чаще всего</translation>
    </message>
    <message>
        <source>Only calibration pairs with both reviews published count; kappa is «—» when undefined (both reviewers gave one and the same grade throughout).</source>
        <translation>Учитываются только калибровочные пары, где опубликованы обе оценки; каппа «—», когда она не определена (оба оценщика везде ставили одну и ту же оценку).</translation>
    </message>
    <message>
        <source>Calibration</source>
        <translation>Калибровка</translation>
    </message>
    <message>
        <source>Pairs of reviewers: {pairs}; calibrated calls: {calls}</source>
        <translation>Пар оценщиков: {pairs}; откалиброванных звонков: {calls}</translation>
    </message>
    <message>
        <source>Export the agreement report</source>
        <translation>Выгрузка отчёта о согласованности</translation>
    </message>
    <message>
        <source>Exporting the agreement report…</source>
        <translation>Выгрузка отчёта о согласованности…</translation>
    </message>
    <message>
        <source>Exported to {file}</source>
        <translation>Выгружено в {file}</translation>
    </message>
</context>
<context>
    <name>CallLayout</name>
    <message>
        <source>Script (F7): ↑↓ steps, ←→ situation, Space — taken</source>
        <translation>Скрипт (F7): ↑↓ шаги, ←→ ситуация клиента, Пробел — шаг пройден</translation>
    </message>
    <message>
        <source>Check again (F6)</source>
        <translation>Проверить ещё раз (F6)</translation>
    </message>
    <message>
        <source>The call is checked by itself when a work is taken and a phone is chosen</source>
        <translation>Звонок проверяется сам, когда взята работа и выбран телефон</translation>
    </message>
    <message>
        <source>Check result:</source>
        <translation>Результат проверки:</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>Number</source>
        <translation>Номер</translation>
    </message>
    <message>
        <source>Undesirable number</source>
        <translation>Нежелательный номер</translation>
    </message>
    <message>
        <source>Contact goal (Ctrl+G): answer every question</source>
        <translation>Цель контакта (Ctrl+G): ответьте на каждый вопрос</translation>
    </message>
    <message>
        <source>ПРИЗ (Ctrl+P): Space — worked on, Shift+Space — done, F2 — comment</source>
        <translation>ПРИЗ (Ctrl+P): Пробел — вела работу, Shift+Пробел — работа завершена, F2 — комментарий</translation>
    </message>
    <message>
        <source>Contact time</source>
        <translation>Время контакта</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Took place</source>
        <translation>Состоялся</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Goal and ПРИЗ</source>
        <translation>Цель и ПРИЗ</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <source>Earlier attempts</source>
        <translation>Прежние попытки</translation>
    </message>
    <message>
        <source>Client card</source>
        <translation>Карточка клиента</translation>
    </message>
    <message>
        <source>Result of the call (Ctrl+R)</source>
        <translation>Результат звонка (Ctrl+R)</translation>
    </message>
    <message>
        <source>Contact took place (F9)</source>
        <translation>Контакт состоялся (F9)</translation>
    </message>
    <message>
        <source>Unless you set it, closing the work sets it from the reason: checked for a productive one, unchecked for an unproductive one</source>
        <translation>Если вы его не отметили, при закрытии работы он ставится по причине: для результативной — отмечен, для нерезультативной — нет</translation>
    </message>
    <message>
        <source>Call again:</source>
        <translation>Повторить звонок:</translation>
    </message>
    <message>
        <source>Record (Ctrl+S)</source>
        <translation>Зафиксировать (Ctrl+S)</translation>
    </message>
    <message>
        <source>Close the work (Ctrl+Enter)</source>
        <translation>Закрыть работу (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Give back (Ctrl+Shift+Q)</source>
        <translation>Вернуть в очередь (Ctrl+Shift+Q)</translation>
    </message>
</context>
<context>
    <name>CallPanel</name>
    <message>
        <source>Work No. {number} for {planned} · {direction} · {stage}
{client}</source>
        <translation>Работа №{number} на {planned} · {direction} · {stage}
{client}</translation>
    </message>
    <message>
        <source>no stage</source>
        <translation>без этапа</translation>
    </message>
    <message>
        <source>No work taken: press F8 for the next one.</source>
        <translation>Работа не взята: F8 — следующая работа.</translation>
    </message>
    <message>
        <source>Call allowed</source>
        <translation>Звонок разрешён</translation>
    </message>
    <message>
        <source>Do not call: {reasons}</source>
        <translation>Звонить нельзя: {reasons}</translation>
    </message>
    <message>
        <source>Client&apos;s time: {time}</source>
        <translation>Время клиента: {time}</translation>
    </message>
    <message>
        <source>What was asked for while the work was being written was not done.</source>
        <translation>Действия, запрошенные во время записи работы, не выполнены: запись не удалась.</translation>
    </message>
    <message>
        <source>The ПРИЗ items were read again as they are now; your marks and comments are kept on them. Check them and write again: it saves over the current version.</source>
        <translation>Пункты ПРИЗ прочитаны заново в текущем виде; ваши отметки и комментарии сохранены поверх них. Проверьте их и запишите снова: запись ляжет поверх текущей версии.</translation>
    </message>
    <message>
        <source>The contact is recorded.</source>
        <translation>Контакт зафиксирован.</translation>
    </message>
    <message>
        <source>Work No. {number}: call again at {at}.</source>
        <translation>Работа №{number}: повторный звонок {at}.</translation>
    </message>
    <message>
        <source>work No. {number}</source>
        <translation>работы №{number}</translation>
    </message>
    <message>
        <source>Work No. {number} is closed.</source>
        <translation>Работа №{number} закрыта.</translation>
    </message>
    <message>
        <source>Work No. {number} is back in the queue.</source>
        <translation>Работа №{number} возвращена в очередь.</translation>
    </message>
    <message>
        <source>This work is no longer yours: its lease ran out and another operator took it. Your input stays on the screen; copy what you need.</source>
        <translation>Эта работа больше не ваша: срок захвата истёк, и её взял другой оператор. Ваш ввод остался на экране — скопируйте нужное.</translation>
    </message>
    <message>
        <source>It is now in the «Call again» field: press Ctrl+T and Enter to take it.</source>
        <translation>Оно подставлено в поле «Повторить звонок»: нажмите Ctrl+T и Enter, чтобы перенести на него.</translation>
    </message>
</context>
<context>
    <name>ChartPanel</name>
    <message>
        <source>Chart of the selected level by:</source>
        <translation>Диаграмма выбранного уровня по:</translation>
    </message>
</context>
<context>
    <name>ClientCardView</name>
    <message>
        <source>INN / KPP:</source>
        <translation>ИНН / КПП:</translation>
    </message>
    <message>
        <source>Phones, e-mail:</source>
        <translation>Телефоны, e-mail:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <source>Status group:</source>
        <translation>Группа статуса:</translation>
    </message>
    <message>
        <source>expired:</source>
        <translation>просрочено:</translation>
    </message>
    <message>
        <source>Indicators whose confirmation ran out</source>
        <translation>Показатели, у которых истёк срок подтверждения</translation>
    </message>
    <message>
        <source>Fill percentage:</source>
        <translation>Процент заполнения:</translation>
    </message>
    <message>
        <source>Only the status group&apos;s indicators</source>
        <translation>Только показатели группы статуса</translation>
    </message>
    <message>
        <source>Change (F2)</source>
        <translation>Изменить (F2)</translation>
    </message>
    <message>
        <source>Change the value (F2 or Enter)</source>
        <translation>Изменить значение (F2 или Enter)</translation>
    </message>
    <message>
        <source>Confirm today (Space)</source>
        <translation>Подтвердить сегодня (Пробел)</translation>
    </message>
    <message>
        <source>Confirm the value as actual today (Space)</source>
        <translation>Подтвердить актуальность значения сегодня (Пробел)</translation>
    </message>
    <message>
        <source>Segment type</source>
        <translation>Тип сегмента</translation>
    </message>
    <message>
        <source>Segment</source>
        <translation>Сегмент</translation>
    </message>
    <message>
        <source>Entry date</source>
        <translation>Дата входа в сегмент</translation>
    </message>
    <message>
        <source>Change segment (F2)</source>
        <translation>Изменить сегмент (F2)</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Position</source>
        <translation>Должность</translation>
    </message>
    <message>
        <source>Phones</source>
        <translation>Телефоны</translation>
    </message>
    <message>
        <source>Add contact person (Ins)</source>
        <translation>Добавить контактное лицо (Ins)</translation>
    </message>
    <message>
        <source>Open person card (Enter)</source>
        <translation>Открыть карточку (Enter)</translation>
    </message>
    <message>
        <source>Work No.</source>
        <translation>№ работы</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>На дату</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Closing reason</source>
        <translation>Причина закрытия</translation>
    </message>
    <message>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>team pool</source>
        <translation>общая очередь</translation>
    </message>
    <message>
        <source>Contact time</source>
        <translation>Время контакта</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Took place</source>
        <translation>Состоялся</translation>
    </message>
    <message>
        <source>Minutes</source>
        <translation>Минут</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Plan a work (Ins)</source>
        <translation>Запланировать работу (Ins)</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Was</source>
        <translation>Было</translation>
    </message>
    <message>
        <source>Became</source>
        <translation>Стало</translation>
    </message>
    <message>
        <source>Indicators</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Segmentation</source>
        <translation>Сегментация</translation>
    </message>
    <message>
        <source>Contact persons</source>
        <translation>Контактные лица</translation>
    </message>
    <message>
        <source>Works and calls</source>
        <translation>Работы и звонки</translation>
    </message>
    <message>
        <source>Change history</source>
        <translation>История изменений</translation>
    </message>
    <message>
        <source>planned</source>
        <translation>запланирована</translation>
    </message>
    <message>
        <source>in progress</source>
        <translation>в работе</translation>
    </message>
    <message>
        <source>rescheduled</source>
        <translation>перенесена</translation>
    </message>
    <message>
        <source>closed</source>
        <translation>закрыта</translation>
    </message>
    <message>
        <source>Only the indicators of status group &quot;{group}&quot;</source>
        <translation>Только показатели статуса «{group}»</translation>
    </message>
    <message>
        <source>{channel} (undesirable)</source>
        <translation>{channel} (нежелательный)</translation>
    </message>
</context>
<context>
    <name>ClientListModel</name>
    <message>
        <source>Reg. number</source>
        <translation>Рег. номер</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Наименование</translation>
    </message>
    <message>
        <source>INN</source>
        <translation>ИНН</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Responsible</source>
        <translation>Ответственный</translation>
    </message>
    <message>
        <source>Status group</source>
        <translation>Группа статуса</translation>
    </message>
</context>
<context>
    <name>ClientListView</name>
    <message>
        <source>Reg. number, INN, name or phone digits</source>
        <translation>Рег. номер, ИНН, часть наименования или цифры телефона</translation>
    </message>
    <message>
        <source>Only with expired indicators</source>
        <translation>Только с просроченными показателями</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Выгрузить в Excel…</translation>
    </message>
    <message>
        <source>Responsible:</source>
        <translation>Ответственный:</translation>
    </message>
    <message>
        <source>Region:</source>
        <translation>Регион:</translation>
    </message>
    <message>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <source>Status group:</source>
        <translation>Группа статуса:</translation>
    </message>
    <message>
        <source>(all)</source>
        <translation>(все)</translation>
    </message>
    <message>
        <source>The database has no clients yet</source>
        <translation>В базе пока нет клиентов</translation>
    </message>
    <message>
        <source>Import your clients from an Excel or CSV file with a header row (Рег. номер, Наименование, ИНН, КПП, Регион, Адрес, Телефон, E-mail, Ответственный): their cards, calls and works start from there. To look around first, fill this database with demo clients, employees and works.</source>
        <translation>Загрузите клиентов из файла Excel или CSV со строкой заголовков (Рег. номер, Наименование, ИНН, КПП, Регион, Адрес, Телефон, E-mail, Ответственный): с этого начинаются их карточки, звонки и работы. Чтобы сначала осмотреться, заполните эту базу демонстрационными клиентами, сотрудниками и работами.</translation>
    </message>
    <message>
        <source>Import clients from a file…</source>
        <translation>Загрузить клиентов из файла…</translation>
    </message>
    <message>
        <source>Fill with demo data…</source>
        <translation>Заполнить демонстрационными данными…</translation>
    </message>
    <message>
        <source>Found: {count}</source>
        <translation>Найдено: {count}</translation>
    </message>
    <message>
        <source>Found: more than {count}</source>
        <translation>Найдено: более {count}</translation>
    </message>
    <message>
        <source>Export clients</source>
        <translation>Выгрузка клиентов</translation>
    </message>
    <message>
        <source>Exporting clients…</source>
        <translation>Выгружаю клиентов…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count}, файл {file}</translation>
    </message>
</context>
<context>
    <name>CloseWorkDialog</name>
    <message>
        <source>Close the work</source>
        <translation>Закрыть работу</translation>
    </message>
    <message>
        <source>Choose the reason / result for {work}</source>
        <translation>Выберите причину / результат действия для: {work}</translation>
    </message>
    <message>
        <source>Reason / result</source>
        <translation>Причина / результат действия</translation>
    </message>
    <message>
        <source>  (needs a comment)</source>
        <translation>  (нужен комментарий)</translation>
    </message>
    <message>
        <source>Contact took place (F9)</source>
        <translation>Контакт состоялся (F9)</translation>
    </message>
    <message>
        <source>Follows the reason (checked for a productive one) until you change it here or on the call screen</source>
        <translation>Следует за причиной (для результативной отмечен), пока вы не измените его здесь или на экране звонка</translation>
    </message>
    <message>
        <source>Comment (required for some reasons)</source>
        <translation>Комментарий (для некоторых причин обязателен)</translation>
    </message>
    <message>
        <source>Comment:</source>
        <translation>Комментарий:</translation>
    </message>
    <message>
        <source>Choose a reason, not a group.</source>
        <translation>Выберите причину, а не группу.</translation>
    </message>
    <message>
        <source>This reason needs a comment: say what happened.</source>
        <translation>Для этой причины нужен комментарий: напишите, что случилось.</translation>
    </message>
</context>
<context>
    <name>ConfigBar</name>
    <message>
        <source>Save as…</source>
        <translation>Сохранить как…</translation>
    </message>
    <message>
        <source>Delete</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>(shared)</source>
        <translation>(общая)</translation>
    </message>
    <message>
        <source>Configuration «{name}» saved.</source>
        <translation>Настройка «{name}» сохранена.</translation>
    </message>
    <message>
        <source>Delete the configuration</source>
        <translation>Удаление настройки</translation>
    </message>
    <message>
        <source>Delete the configuration «{name}»?</source>
        <translation>Удалить настройку «{name}»?</translation>
    </message>
    <message>
        <source>Configuration «{name}» deleted.</source>
        <translation>Настройка «{name}» удалена.</translation>
    </message>
</context>
<context>
    <name>DisputeDialog</name>
    <message>
        <source>Dispute the review</source>
        <translation>Оспорить оценку</translation>
    </message>
    <message>
        <source>{section}: {criterion} — {mark} of {top}</source>
        <translation>{section}: {criterion} — {mark} из {top}</translation>
    </message>
    <message>
        <source> (disputed already)</source>
        <translation> (уже оспорен)</translation>
    </message>
    <message>
        <source>Tick the criteria you disagree with (at most {left} more; Space ticks) and say why for each.</source>
        <translation>Отметьте критерии, с оценкой которых вы не согласны (ещё не больше {left}; Пробел ставит отметку), и напишите почему — для каждого.</translation>
    </message>
    <message>
        <source>Tick the criterion you dispute.</source>
        <translation>Отметьте критерий, который оспариваете.</translation>
    </message>
</context>
<context>
    <name>DisputesPage</name>
    <message>
        <source>Raised</source>
        <translation>Оспорено</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Оценщик</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Operator&apos;s comment</source>
        <translation>Комментарий оператора</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment</source>
        <translation>Комментарий оценщика</translation>
    </message>
    <message>
        <source>&amp;Resolve…</source>
        <translation>&amp;Разобрать…</translation>
    </message>
    <message>
        <source>Uphold or change the disputed mark (Enter)</source>
        <translation>Оставить или изменить оспоренную оценку (Enter)</translation>
    </message>
    <message>
        <source>Disputes of reviews by other supervisors; the author of a review does not resolve its disputes.</source>
        <translation>Споры по оценкам других руководителей: автор оценки споры по ней не разбирает.</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Споры</translation>
    </message>
    <message>
        <source>Open disputes: {count}</source>
        <translation>Неразобранных споров: {count}</translation>
    </message>
</context>
<context>
    <name>DrillDialog</name>
    <message>
        <source>Contacts behind the cell</source>
        <translation>Контакты за ячейкой отчёта</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Work No.</source>
        <translation>№ работы</translation>
    </message>
    <message>
        <source>Specialist</source>
        <translation>Специалист</translation>
    </message>
    <message>
        <source>Reason / result</source>
        <translation>Причина/результат действия</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Successful</source>
        <translation>Успешный</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Contacts: {total}; the newest {shown} are listed</source>
        <translation>Контактов: {total}; показаны последние {shown}</translation>
    </message>
    <message>
        <source>Contacts: {count}</source>
        <translation>Контактов: {count}</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Выгрузить в Excel…</translation>
    </message>
    <message>
        <source>Open the client&apos;s card</source>
        <translation>Открыть карточку клиента</translation>
    </message>
    <message>
        <source>Enter or a double click opens the client&apos;s card.</source>
        <translation>Enter или двойной щелчок открывает карточку клиента.</translation>
    </message>
    <message>
        <source>Export the contacts</source>
        <translation>Выгрузить контакты</translation>
    </message>
    <message>
        <source>Exporting the contacts…</source>
        <translation>Выгружаю контакты…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count} в {file}</translation>
    </message>
</context>
<context>
    <name>Export</name>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
</context>
<context>
    <name>IndicatorDialog</name>
    <message>
        <source>dd.mm.yyyy</source>
        <translation>ДД.ММ.ГГГГ</translation>
    </message>
    <message>
        <source>7(8112)59-00-51, 8 911 362-16-89</source>
        <translation>7(8112)59-00-51, 8 911 362-16-89</translation>
    </message>
    <message>
        <source>Surname First name Patronymic</source>
        <translation>Фамилия Имя Отчество</translation>
    </message>
    <message>
        <source>a whole number</source>
        <translation>целое число</translation>
    </message>
    <message>
        <source>Value:</source>
        <translation>Значение:</translation>
    </message>
    <message>
        <source>Saving confirms the value as actual today on your name.</source>
        <translation>Сохранение подтверждает значение как актуальное на сегодня от вашего имени.</translation>
    </message>
    <message>
        <source>It will be valid until {date}.</source>
        <translation>Оно будет актуально до {date}.</translation>
    </message>
    <message>
        <source>Saved now: {value}</source>
        <translation>Сейчас сохранено: {value}</translation>
    </message>
    <message>
        <source>Press OK to save your value over it, or Cancel to keep it.</source>
        <translation>Нажмите OK, чтобы записать ваше значение вместо него, или Отмена, чтобы оставить его.</translation>
    </message>
</context>
<context>
    <name>IndicatorTable</name>
    <message>
        <source>Indicator</source>
        <translation>Показатель</translation>
    </message>
    <message>
        <source>Value</source>
        <translation>Значение</translation>
    </message>
    <message>
        <source>Actual</source>
        <translation>Актуален</translation>
    </message>
    <message>
        <source>Verified on</source>
        <translation>Дата актуализации</translation>
    </message>
    <message>
        <source>Valid until</source>
        <translation>Актуален до</translation>
    </message>
    <message>
        <source>User</source>
        <translation>Пользователь</translation>
    </message>
    <message>
        <source>The confirmation has expired: confirm or correct the value</source>
        <translation>Срок актуальности истёк: подтвердите или исправьте значение</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Remote service workstation — {app}</source>
        <translation>Рабочее место дистанционного сервиса — {app}</translation>
    </message>
    <message>
        <source>Clients</source>
        <translation>Клиенты</translation>
    </message>
    <message>
        <source>Call session</source>
        <translation>Сессия обзвонки</translation>
    </message>
    <message>
        <source>Reports</source>
        <translation>Отчёты</translation>
    </message>
    <message>
        <source>Quality control</source>
        <translation>Контроль качества</translation>
    </message>
    <message>
        <source>nobody</source>
        <translation>не выбран</translation>
    </message>
    <message>
        <source>User: {name}</source>
        <translation>Пользователь: {name}</translation>
    </message>
    <message>
        <source>Database: {db}</source>
        <translation>База: {db}</translation>
    </message>
    <message>
        <source>The database has no clients yet: import them (File → Import clients, Ctrl+I) or look around on example data with the demo database: ric-desk --demo</source>
        <translation>В базе пока нет клиентов: загрузите их (Файл → Загрузить клиентов, Ctrl+I) или посмотрите программу на примере демонстрационной базы: ric-desk --demo</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Файл</translation>
    </message>
    <message>
        <source>Import clients from Excel or CSV…</source>
        <translation>Загрузить клиентов из Excel или CSV…</translation>
    </message>
    <message>
        <source>Export the list to Excel…</source>
        <translation>Выгрузить список в Excel…</translation>
    </message>
    <message>
        <source>Give a ПРИЗ task to the listed clients…</source>
        <translation>Дать задание ПРИЗ клиентам из списка…</translation>
    </message>
    <message>
        <source>Plan works for the listed clients…</source>
        <translation>Запланировать работы клиентам списка…</translation>
    </message>
    <message>
        <source>E&amp;xit</source>
        <translation>В&amp;ыход</translation>
    </message>
    <message>
        <source>&amp;Window</source>
        <translation>&amp;Окна</translation>
    </message>
    <message>
        <source>Find a client</source>
        <translation>Найти клиента</translation>
    </message>
    <message>
        <source>Client list</source>
        <translation>Список клиентов</translation>
    </message>
    <message>
        <source>Close card</source>
        <translation>Закрыть карточку</translation>
    </message>
    <message>
        <source>Next tab</source>
        <translation>Следующая вкладка</translation>
    </message>
    <message>
        <source>F&amp;avourites</source>
        <translation>&amp;Избранное</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Справка</translation>
    </message>
    <message>
        <source>About {app}</source>
        <translation>О программе «{app}»</translation>
    </message>
    <message>
        <source>{app} {version}: the workstation of a remote service department.</source>
        <translation>{app} {version}: рабочее место отдела дистанционного сервиса.</translation>
    </message>
    <message>
        <source>Add the open card to favourites</source>
        <translation>Добавить открытую карточку в избранное</translation>
    </message>
    <message>
        <source>the whole list</source>
        <translation>весь список</translation>
    </message>
    <message>
        <source>The task was given to {count} clients.</source>
        <translation>Задание дано клиентам: {count}.</translation>
    </message>
    <message>
        <source>Demo data</source>
        <translation>Демонстрационные данные</translation>
    </message>
    <message>
        <source>Fill this empty database with {count} demo clients, employees and works? They are made up, to try the program; keep real work in a database of its own.</source>
        <translation>Заполнить эту пустую базу демонстрационными данными ({count} клиентов, сотрудники и работы)? Они вымышлены и нужны, чтобы опробовать программу; настоящую работу ведите в отдельной базе.</translation>
    </message>
    <message>
        <source>Filling the database with demo data…</source>
        <translation>Заполняю базу демонстрационными данными…</translation>
    </message>
    <message>
        <source>Demo data is in.</source>
        <translation>Демонстрационные данные загружены.</translation>
    </message>
    <message>
        <source>Import clients</source>
        <translation>Загрузка клиентов</translation>
    </message>
    <message>
        <source>Excel or CSV (*.xlsx *.csv)</source>
        <translation>Excel или CSV (*.xlsx *.csv)</translation>
    </message>
    <message>
        <source>Importing clients…</source>
        <translation>Загружаю клиентов…</translation>
    </message>
    <message>
        <source>Imported clients: {count}</source>
        <translation>Загружено клиентов: {count}</translation>
    </message>
    <message>
        <source>The file was not imported; nothing was written.</source>
        <translation>Файл не загружен, ничего не записано.</translation>
    </message>
    <message>
        <source>A work is still taken in the call session: record and close it, re-schedule it or give it back first.</source>
        <translation>В сессии обзвонки взята работа: сначала зафиксируйте и закройте её, перенесите или верните в очередь.</translation>
    </message>
    <message>
        <source>The call session is waiting for the database to take or write a work: wait a moment until it is on the screen or written, then close.</source>
        <translation>Сессия обзвонки ждёт ответа базы данных: работа берётся или записывается. Подождите, пока она появится на экране или будет записана, и закройте снова.</translation>
    </message>
</context>
<context>
    <name>PeriodBar</name>
    <message>
        <source>This month</source>
        <translation>Этот месяц</translation>
    </message>
    <message>
        <source>Last month</source>
        <translation>Прошлый месяц</translation>
    </message>
    <message>
        <source>This year</source>
        <translation>Этот год</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
</context>
<context>
    <name>PeriodEdit</name>
    <message>
        <source>&amp;Period:</source>
        <translation>&amp;Период:</translation>
    </message>
</context>
<context>
    <name>PersonCardDialog</name>
    <message>
        <source>Contact person [{name}]</source>
        <translation>Контактное лицо [{name}]</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Подразделение:</translation>
    </message>
    <message>
        <source>Started on:</source>
        <translation>Дата начала работы:</translation>
    </message>
    <message>
        <source>Profile:</source>
        <translation>Профиль:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Любимый</translation>
    </message>
    <message>
        <source>Undesirable</source>
        <translation>Нежелательно</translation>
    </message>
    <message>
        <source>Do not use this contact</source>
        <translation>Этот контакт использовать нежелательно</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Characteristics:</source>
        <translation>Характеристики:</translation>
    </message>
    <message>
        <source>Interests:</source>
        <translation>Интересы:</translation>
    </message>
    <message>
        <source>Status group: {group}    Fill percentage: {fill} %</source>
        <translation>Группа статуса: {group}    Процент заполнения: {fill} %</translation>
    </message>
    <message>
        <source>Contact details</source>
        <translation>Контактные данные</translation>
    </message>
    <message>
        <source>Characteristics and interests</source>
        <translation>Характеристики и интересы</translation>
    </message>
    <message>
        <source>Contact person details</source>
        <translation>Сведения о конт. лице</translation>
    </message>
</context>
<context>
    <name>PersonDialog</name>
    <message>
        <source>New contact person</source>
        <translation>Новое контактное лицо</translation>
    </message>
    <message>
        <source>Surname:</source>
        <translation>Фамилия:</translation>
    </message>
    <message>
        <source>First name:</source>
        <translation>Имя:</translation>
    </message>
    <message>
        <source>Patronymic:</source>
        <translation>Отчество:</translation>
    </message>
    <message>
        <source>Position:</source>
        <translation>Должность:</translation>
    </message>
    <message>
        <source>Department:</source>
        <translation>Подразделение:</translation>
    </message>
    <message>
        <source>Note:</source>
        <translation>Примечание:</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>Contact</source>
        <translation>Контакт</translation>
    </message>
    <message>
        <source>Region</source>
        <translation>Регион</translation>
    </message>
    <message>
        <source>Favourite</source>
        <translation>Любимый</translation>
    </message>
    <message>
        <source>Undesirable</source>
        <translation>Нежелательно</translation>
    </message>
    <message>
        <source>Add a phone or e-mail</source>
        <translation>Добавить телефон или e-mail</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Удалить</translation>
    </message>
    <message>
        <source>Characteristics:</source>
        <translation>Характеристики:</translation>
    </message>
    <message>
        <source>Interests:</source>
        <translation>Интересы:</translation>
    </message>
    <message>
        <source>Contact details:</source>
        <translation>Контактные данные:</translation>
    </message>
</context>
<context>
    <name>PlanListDialog</name>
    <message>
        <source>Plan works for the listed clients</source>
        <translation>Работы клиентам списка</translation>
    </message>
    <message>
        <source>One work for each client of the list as it is filtered now ({listed}), spread evenly over the working days within each client&apos;s calling hours.</source>
        <translation>По одной работе каждому клиенту списка с текущим отбором ({listed}), равномерно по рабочим дням в часы звонков клиента.</translation>
    </message>
    <message>
        <source>Team pool</source>
        <translation>Общая очередь команды</translation>
    </message>
    <message>
        <source>Each client&apos;s responsible</source>
        <translation>Ответственному за клиента</translation>
    </message>
    <message>
        <source>These executors in turn:</source>
        <translation>Этим исполнителям по очереди:</translation>
    </message>
    <message>
        <source> working days</source>
        <translation> раб. дн.</translation>
    </message>
    <message>
        <source>over</source>
        <translation>на</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Этап:</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>Цель:</translation>
    </message>
    <message>
        <source>Executors:</source>
        <translation>Исполнители:</translation>
    </message>
    <message>
        <source>From:</source>
        <translation>С:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Направление:</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Кампания:</translation>
    </message>
    <message>
        <source>Planning works…</source>
        <translation>Планирую работы…</translation>
    </message>
    <message>
        <source>The list has no clients: nothing was planned.</source>
        <translation>В списке нет клиентов: ничего не запланировано.</translation>
    </message>
    <message>
        <source>Planning was cancelled: no work was planned.</source>
        <translation>Планирование отменено: ни одна работа не запланирована.</translation>
    </message>
    <message>
        <source>Planned works: {count}</source>
        <translation>Запланировано работ: {count}</translation>
    </message>
    <message>
        <source> on {days}</source>
        <translation> на {days}</translation>
    </message>
    <message>
        <source>; {count} clients already had an open work of the stage</source>
        <translation>; у {count} клиентов уже была открытая работа этого этапа</translation>
    </message>
    <message>
        <source>; {count} without a responsible went to the pool</source>
        <translation>; {count} без ответственного — в общую очередь</translation>
    </message>
</context>
<context>
    <name>PlanWorkDialog</name>
    <message>
        <source>Plan a work</source>
        <translation>Запланировать работу</translation>
    </message>
    <message>
        <source>(any)</source>
        <translation>(любое)</translation>
    </message>
    <message>
        <source>Team pool</source>
        <translation>Общая очередь команды</translation>
    </message>
    <message>
        <source>Stage:</source>
        <translation>Этап:</translation>
    </message>
    <message>
        <source>Goal:</source>
        <translation>Цель:</translation>
    </message>
    <message>
        <source>Contact person:</source>
        <translation>Контактное лицо:</translation>
    </message>
    <message>
        <source>Executor:</source>
        <translation>Исполнитель:</translation>
    </message>
    <message>
        <source>When:</source>
        <translation>Когда:</translation>
    </message>
    <message>
        <source>Direction:</source>
        <translation>Направление:</translation>
    </message>
    <message>
        <source>Campaign:</source>
        <translation>Кампания:</translation>
    </message>
    <message>
        <source>at the client: {time}</source>
        <translation>у клиента: {time}</translation>
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <source>&amp;Look in:</source>
        <translation>&amp;Перейти к:</translation>
    </message>
    <message>
        <source>Files of &amp;type:</source>
        <translation>&amp;Типы файлов:</translation>
    </message>
</context>
<context>
    <name>Quality</name>
    <message>
        <source>sample</source>
        <translation>выборка</translation>
    </message>
    <message>
        <source>targeted</source>
        <translation>целевая</translation>
    </message>
    <message>
        <source>calibration</source>
        <translation>калибровка</translation>
    </message>
    <message>
        <source>draft</source>
        <translation>черновик</translation>
    </message>
    <message>
        <source>published</source>
        <translation>опубликована</translation>
    </message>
    <message>
        <source>acknowledged</source>
        <translation>признана</translation>
    </message>
    <message>
        <source>disputed</source>
        <translation>оспорена</translation>
    </message>
    <message>
        <source>revised</source>
        <translation>пересмотрена</translation>
    </message>
    <message>
        <source>n/a</source>
        <translation>н/п</translation>
    </message>
</context>
<context>
    <name>QualityView</name>
    <message>
        <source>Close the review (Esc)</source>
        <translation>Закрыть оценку (Esc)</translation>
    </message>
</context>
<context>
    <name>QueuePanel</name>
    <message>
        <source>All directions</source>
        <translation>Все направления</translation>
    </message>
    <message>
        <source>Any campaign</source>
        <translation>Любая кампания</translation>
    </message>
    <message>
        <source>All kinds of work</source>
        <translation>Все виды работ</translation>
    </message>
    <message>
        <source>Next work (F8)</source>
        <translation>Следующая работа (F8)</translation>
    </message>
    <message>
        <source>Planned</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Phone</source>
        <translation>Телефон</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Executor</source>
        <translation>Исполнитель</translation>
    </message>
    <message>
        <source>team</source>
        <translation>группа</translation>
    </message>
    <message>
        <source>Taken by</source>
        <translation>Взята</translation>
    </message>
    <message>
        <source>No client in the queue may be called now: the first from {time}.
(their calling hours, a weekend or a holiday)</source>
        <translation>Сейчас никому из очереди звонить нельзя: первому можно с {time}.
(у клиентов нерабочее время, выходной или праздник)</translation>
    </message>
    <message>
        <source>The queue is empty: no work left to take in this session.</source>
        <translation>Очередь пуста: в этой сессии не осталось работ.</translation>
    </message>
    <message>
        <source>Operator: {name}</source>
        <translation>Оператор: {name}</translation>
    </message>
    <message>
        <source>Period:</source>
        <translation>Период:</translation>
    </message>
    <message>
        <source>Works:</source>
        <translation>Работы:</translation>
    </message>
    <message>
        <source>Planned: {planned}   Done: {done}   Left: {left}</source>
        <translation>Запланировано: {planned}   Выполнено: {done}   Осталось: {left}</translation>
    </message>
</context>
<context>
    <name>QueueTable</name>
    <message>
        <source>may call from {time}</source>
        <translation>можно с {time}</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <source>A re-call that is due</source>
        <translation>Пора перезвонить</translation>
    </message>
    <message>
        <source>Not to be called now: {reason}. May be called from {time} your time ({local} at the client).</source>
        <translation>Сейчас звонить нельзя: {reason}. Можно с {time} по вашему времени ({local} у клиента).</translation>
    </message>
</context>
<context>
    <name>ReportTreeModel</name>
    <message>
        <source>Total</source>
        <translation>Итого</translation>
    </message>
    <message>
        <source>Group</source>
        <translation>Группа</translation>
    </message>
</context>
<context>
    <name>ReportView</name>
    <message>
        <source>Build (F9)</source>
        <translation>Сформировать (F9)</translation>
    </message>
    <message>
        <source>Configuration:</source>
        <translation>Настройка:</translation>
    </message>
    <message>
        <source>The data changed — F9 will refresh</source>
        <translation>Данные изменились — F9 обновит</translation>
    </message>
    <message>
        <source>descending</source>
        <translation>по убыванию</translation>
    </message>
    <message>
        <source>Collapse from dimension:</source>
        <translation>Свернуть с разреза:</translation>
    </message>
    <message>
        <source>Sort by:</source>
        <translation>Сортировка:</translation>
    </message>
    <message>
        <source>(everything open)</source>
        <translation>(всё развёрнуто)</translation>
    </message>
    <message>
        <source>Reading the contacts of the period…</source>
        <translation>Читаю контакты периода…</translation>
    </message>
    <message>
        <source>Building the report…</source>
        <translation>Формирую отчёт…</translation>
    </message>
    <message>
        <source>Building was cancelled: nothing was read.</source>
        <translation>Формирование отменено: ничего не прочитано.</translation>
    </message>
    <message>
        <source>The report was not built.</source>
        <translation>Отчёт не сформирован.</translation>
    </message>
    <message>
        <source>The period or the segments changed: F9 reads them.</source>
        <translation>Изменился период или сегменты: F9 прочитает их.</translation>
    </message>
    <message>
        <source>Build the report first (F9).</source>
        <translation>Сначала сформируйте отчёт (F9).</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>CSV for scripts (*.csv)</source>
        <translation>CSV для скриптов (*.csv)</translation>
    </message>
    <message>
        <source>Export the report</source>
        <translation>Выгрузить отчёт</translation>
    </message>
    <message>
        <source>Contact report</source>
        <translation>Отчёт по контактам</translation>
    </message>
    <message>
        <source>Exporting the report…</source>
        <translation>Выгружаю отчёт…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count} в {file}</translation>
    </message>
</context>
<context>
    <name>ResolveDialog</name>
    <message>
        <source>Resolve the dispute</source>
        <translation>Разбор спора</translation>
    </message>
    <message>
        <source>&lt;b&gt;{criterion}&lt;/b&gt; ({section})&lt;br&gt;Operator {operator}, reviewer {author}; mark {mark}{comment}&lt;br&gt;The operator says: {says}</source>
        <translation>&lt;b&gt;{criterion}&lt;/b&gt; ({section})&lt;br&gt;Оператор {operator}, оценщик {author}; оценка {mark}{comment}&lt;br&gt;Оператор пишет: {says}</translation>
    </message>
    <message>
        <source>&amp;Uphold the mark</source>
        <translation>&amp;Оставить оценку</translation>
    </message>
    <message>
        <source>&amp;Change the mark to:</source>
        <translation>&amp;Изменить на:</translation>
    </message>
    <message>
        <source>&amp;Decision:</source>
        <translation>&amp;Решение:</translation>
    </message>
</context>
<context>
    <name>ReviewDetailPanel</name>
    <message>
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Operator&apos;s comment</source>
        <translation>Комментарий оператора</translation>
    </message>
    <message>
        <source>Raised</source>
        <translation>Оспорено</translation>
    </message>
    <message>
        <source>Outcome</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Resolved by</source>
        <translation>Разобрал(а)</translation>
    </message>
    <message>
        <source>Decision</source>
        <translation>Решение</translation>
    </message>
    <message>
        <source>When</source>
        <translation>Когда</translation>
    </message>
    <message>
        <source>Who</source>
        <translation>Кто</translation>
    </message>
    <message>
        <source>What</source>
        <translation>Что</translation>
    </message>
    <message>
        <source>Disputes</source>
        <translation>Споры</translation>
    </message>
    <message>
        <source>History</source>
        <translation>История</translation>
    </message>
    <message>
        <source>Choose a review in the list to see its marks.</source>
        <translation>Выберите оценку в списке, чтобы увидеть её подробно.</translation>
    </message>
    <message>
        <source>hidden until both reviews are published</source>
        <translation>скрыто до публикации обеих оценок</translation>
    </message>
    <message>
        <source>&lt;b&gt;{checklist}&lt;/b&gt; ({kind}); operator {operator}, reviewer {reviewer}</source>
        <translation>&lt;b&gt;{checklist}&lt;/b&gt; ({kind}); оператор {operator}, оценщик {reviewer}</translation>
    </message>
    <message>
        <source>Total: &lt;b&gt;{total}&lt;/b&gt;</source>
        <translation>Итог: &lt;b&gt;{total}&lt;/b&gt;</translation>
    </message>
    <message>
        <source>&lt;b&gt;a critical miss&lt;/b&gt;</source>
        <translation>&lt;b&gt;критический промах&lt;/b&gt;</translation>
    </message>
    <message>
        <source>Reviewer&apos;s comment: {comment}</source>
        <translation>Комментарий оценщика: {comment}</translation>
    </message>
    <message>
        <source>{title} (weight {weight})</source>
        <translation>{title} (вес {weight})</translation>
    </message>
    <message>
        <source>[critical]</source>
        <translation>[критичный]</translation>
    </message>
</context>
<context>
    <name>ReviewHistory</name>
    <message>
        <source>Review begun on «{checklist}»</source>
        <translation>Начата оценка по чек-листу «{checklist}»</translation>
    </message>
    <message>
        <source>Draft saved: {marks} marks</source>
        <translation>Сохранён черновик: оценок {marks}</translation>
    </message>
    <message>
        <source>Published: total {total}</source>
        <translation>Опубликована: итог {total}</translation>
    </message>
    <message>
        <source>, a critical miss</source>
        <translation>, критический промах</translation>
    </message>
    <message>
        <source>The operator acknowledged the review</source>
        <translation>Оператор ознакомился с оценкой</translation>
    </message>
    <message>
        <source>Disputed «{criterion}»: {comment}</source>
        <translation>Оспорен критерий «{criterion}»: {comment}</translation>
    </message>
    <message>
        <source>Dispute on «{criterion}»: mark changed {old} → {new}</source>
        <translation>Спор по «{criterion}»: оценка изменена {old} → {new}</translation>
    </message>
    <message>
        <source>Dispute on «{criterion}»: mark {old} upheld</source>
        <translation>Спор по «{criterion}»: оценка {old} оставлена</translation>
    </message>
    <message>
        <source>Calibration asked of {reviewer}</source>
        <translation>Назначена калибровка: {reviewer}</translation>
    </message>
    <message>
        <source>A calibration review of another&apos;s review</source>
        <translation>Калибровочная оценка к оценке коллеги</translation>
    </message>
    <message>
        <source>being reviewed</source>
        <translation>разбирается</translation>
    </message>
    <message>
        <source>mark changed</source>
        <translation>оценка изменена</translation>
    </message>
    <message>
        <source>mark upheld</source>
        <translation>оценка оставлена</translation>
    </message>
</context>
<context>
    <name>ReviewPage</name>
    <message>
        <source>— choose a check-list —</source>
        <translation>— выберите чек-лист —</translation>
    </message>
    <message>
        <source>Criterion</source>
        <translation>Критерий</translation>
    </message>
    <message>
        <source>Mark</source>
        <translation>Оценка</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Comment on the criterion (C or Enter)</source>
        <translation>Комментарий к критерию (C или Enter)</translation>
    </message>
    <message>
        <source>Comment on the whole call</source>
        <translation>Комментарий к звонку в целом</translation>
    </message>
    <message>
        <source>↑↓ criterion · 0–5 mark (yes/no: 1 yes, 0 no) · N or «-» not applicable · C or Enter comment</source>
        <translation>↑↓ — критерий · 0–5 — оценка (да/нет: 1 — да, 0 — нет) · N или «-» — неприменимо · C или Enter — комментарий</translation>
    </message>
    <message>
        <source>Save draft (Ctrl+S)</source>
        <translation>Сохранить черновик (Ctrl+S)</translation>
    </message>
    <message>
        <source>Publish (Ctrl+Enter)</source>
        <translation>Опубликовать (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>Close (Esc)</source>
        <translation>Закрыть (Esc)</translation>
    </message>
    <message>
        <source>Check-&amp;list:</source>
        <translation>&amp;Чек-лист:</translation>
    </message>
    <message>
        <source>Save draft</source>
        <translation>Сохранить черновик</translation>
    </message>
    <message>
        <source>Publish</source>
        <translation>Опубликовать</translation>
    </message>
    <message>
        <source>Listen to the recording</source>
        <translation>Прослушать запись</translation>
    </message>
    <message>
        <source>Close the review</source>
        <translation>Закрыть оценку</translation>
    </message>
    <message>
        <source>Review of call No. {number}</source>
        <translation>Оценка звонка № {number}</translation>
    </message>
    <message>
        <source>Review: {client}</source>
        <translation>Оценка: {client}</translation>
    </message>
    <message>
        <source>yes/no: 1 yes, 0 no</source>
        <translation>да/нет: 1 — да, 0 — нет</translation>
    </message>
    <message>
        <source>marks 0–{top}</source>
        <translation>оценки 0–{top}</translation>
    </message>
    <message>
        <source>{points} points</source>
        <translation>баллов: {points}</translation>
    </message>
    <message>
        <source>critical: a miss makes the total 0</source>
        <translation>критичный: невыполнение обнуляет итог</translation>
    </message>
    <message>
        <source>may be not applicable (N)</source>
        <translation>может быть неприменим (N)</translation>
    </message>
    <message>
        <source>a miss needs a comment</source>
        <translation>при невыполнении нужен комментарий</translation>
    </message>
    <message>
        <source>This criterion cannot be «not applicable»: give it a mark.</source>
        <translation>Этот критерий не может быть «неприменим»: поставьте оценку.</translation>
    </message>
    <message>
        <source>The marks of this criterion are 0–{top}.</source>
        <translation>Оценки этого критерия: 0–{top}.</translation>
    </message>
    <message>
        <source>The marks given on this check-list are not saved. Change the check-list?</source>
        <translation>Оценки по этому чек-листу не сохранены. Сменить чек-лист?</translation>
    </message>
    <message>
        <source>Review</source>
        <translation>Оценка звонка</translation>
    </message>
    <message>
        <source>The marks of this review are not saved. Save them as a draft?</source>
        <translation>Оценки не сохранены. Сохранить их как черновик?</translation>
    </message>
    <message>
        <source>{client}
call No. {number} of {when}, operator {operator}</source>
        <translation>{client}
звонок № {number} от {when}, оператор {operator}</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Contact person</source>
        <translation>Контактное лицо</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Work No.</source>
        <translation>№ работы</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Closing reason</source>
        <translation>Причина закрытия</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Goal answers</source>
        <translation>Ответы на вопросы цели</translation>
    </message>
    <message>
        <source>ПРИЗ items marked</source>
        <translation>Отмеченные пункты ПРИЗ</translation>
    </message>
    <message>
        <source>Instruments</source>
        <translation>Инструменты</translation>
    </message>
    <message>
        <source>Script path</source>
        <translation>Путь по скрипту</translation>
    </message>
    <message>
        <source>The contact has no recorded script path.</source>
        <translation>У контакта не записан путь по скрипту.</translation>
    </message>
    <message>
        <source>{script}, version {version}</source>
        <translation>{script}, версия {version}</translation>
    </message>
    <message>
        <source>skipped</source>
        <translation>пропущен</translation>
    </message>
    <message>
        <source>Recording</source>
        <translation>Запись разговора</translation>
    </message>
    <message>
        <source>[critical]</source>
        <translation>[критичный]</translation>
    </message>
    <message>
        <source>not applicable</source>
        <translation>неприменимо</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>no</source>
        <translation>нет</translation>
    </message>
    <message>
        <source>{grade} of {top}</source>
        <translation>{grade} из {top}</translation>
    </message>
    <message>
        <source>Total: {total}</source>
        <translation>Итог: {total}</translation>
    </message>
    <message>
        <source>(a critical criterion missed; without it {percent})</source>
        <translation>(не выполнен критичный критерий; без него {percent})</translation>
    </message>
    <message>
        <source>passed</source>
        <translation>пройдено</translation>
    </message>
    <message>
        <source>not passed</source>
        <translation>не пройдено</translation>
    </message>
    <message>
        <source>pass mark {mark} %: {verdict}</source>
        <translation>проходной балл {mark} %: {verdict}</translation>
    </message>
    <message>
        <source>marked {marked} of {count}</source>
        <translation>оценено {marked} из {count}</translation>
    </message>
    <message>
        <source>The review is published: {total}.</source>
        <translation>Оценка опубликована: {total}.</translation>
    </message>
    <message>
        <source>The call is not held by you: take it again from the sample to save the review.</source>
        <translation>Звонок не закреплён за вами: возьмите его снова из выборки, чтобы сохранить оценку.</translation>
    </message>
    <message>
        <source>A draft of {when} is saved; the call is held by you.</source>
        <translation>Черновик от {when} сохранён; звонок закреплён за вами.</translation>
    </message>
    <message>
        <source>The call is held by you while this screen is open.</source>
        <translation>Пока оценка открыта, звонок закреплён за вами.</translation>
    </message>
    <message>
        <source>The call&apos;s stage has no check-list: choose one above.</source>
        <translation>Для этапа звонка нет чек-листа: выберите чек-лист вверху.</translation>
    </message>
    <message>
        <source>Changes not saved.</source>
        <translation>Изменения не сохранены.</translation>
    </message>
    <message>
        <source>The recording file {path} is not found: it was moved or deleted, or the folder is not reachable from this computer.</source>
        <translation>Файл записи {path} не найден: его перенесли или удалили, или папка недоступна с этого компьютера.</translation>
    </message>
    <message>
        <source>The recording {path} could not be opened: no program on this computer plays it.</source>
        <translation>Запись {path} не открылась: на этом компьютере нет программы, которая её воспроизводит.</translation>
    </message>
    <message>
        <source>Listen to the recording (Ctrl+P)</source>
        <translation>Прослушать запись (Ctrl+P)</translation>
    </message>
    <message>
        <source>Pause the recording (Ctrl+P)</source>
        <translation>Пауза (Ctrl+P)</translation>
    </message>
</context>
<context>
    <name>ReviewsPage</name>
    <message>
        <source>Any status</source>
        <translation>Любой статус</translation>
    </message>
    <message>
        <source>E&amp;xcel…</source>
        <translation>В E&amp;xcel…</translation>
    </message>
    <message>
        <source>The list as shown to an Excel workbook</source>
        <translation>Список, как он показан, — в книгу Excel</translation>
    </message>
    <message>
        <source>&amp;Operator:</source>
        <translation>&amp;Оператор:</translation>
    </message>
    <message>
        <source>&amp;Status:</source>
        <translation>С&amp;татус:</translation>
    </message>
    <message>
        <source>Call</source>
        <translation>Звонок</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Reviewer</source>
        <translation>Оценщик</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Check-list</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>Score</source>
        <translation>Итог</translation>
    </message>
    <message>
        <source>Critical miss</source>
        <translation>Критический промах</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Статус</translation>
    </message>
    <message>
        <source>Kind</source>
        <translation>Вид</translation>
    </message>
    <message>
        <source>I have &amp;read it</source>
        <translation>&amp;Ознакомлен</translation>
    </message>
    <message>
        <source>Acknowledge the review (Ctrl+Return)</source>
        <translation>Ознакомиться с оценкой и согласиться (Ctrl+Enter)</translation>
    </message>
    <message>
        <source>&amp;Dispute…</source>
        <translation>О&amp;спорить…</translation>
    </message>
    <message>
        <source>Dispute at most {count} criteria of the review (Ctrl+Shift+D)</source>
        <translation>Оспорить не больше {count} критериев оценки (Ctrl+Shift+D)</translation>
    </message>
    <message>
        <source>Ask for &amp;calibration…</source>
        <translation>Запросить &amp;калибровку…</translation>
    </message>
    <message>
        <source>Ask another supervisor for a blind second review of the call (Ctrl+K)</source>
        <translation>Попросить другого руководителя о второй, слепой оценке звонка (Ctrl+K)</translation>
    </message>
    <message>
        <source>My reviews</source>
        <translation>Мои оценки</translation>
    </message>
    <message>
        <source>Reviews</source>
        <translation>Оценки</translation>
    </message>
    <message>
        <source>hidden</source>
        <translation>скрыто</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <source>Reviews: {count}</source>
        <translation>Оценок: {count}</translation>
    </message>
    <message>
        <source>Export the reviews</source>
        <translation>Выгрузка оценок</translation>
    </message>
    <message>
        <source>Exporting the reviews…</source>
        <translation>Выгрузка оценок…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count}, файл {file}</translation>
    </message>
</context>
<context>
    <name>SamplePage</name>
    <message>
        <source>The month whose calls are listened to</source>
        <translation>Месяц, звонки которого прослушиваются</translation>
    </message>
    <message>
        <source>Draw the sample</source>
        <translation>Сформировать выборку</translation>
    </message>
    <message>
        <source>Draws each operator&apos;s share of the month&apos;s successful calls; drawing again adds only what is missing</source>
        <translation>Отбирает долю успешных звонков месяца каждого оператора; повторный отбор только добавляет недостающее</translation>
    </message>
    <message>
        <source>Next call (F8)</source>
        <translation>Следующий звонок (F8)</translation>
    </message>
    <message>
        <source>Pick a call outside the sample…</source>
        <translation>Выбрать звонок вне выборки…</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Выгрузить в Excel…</translation>
    </message>
    <message>
        <source>Operator</source>
        <translation>Оператор</translation>
    </message>
    <message>
        <source>Eligible calls</source>
        <translation>Подходящих звонков</translation>
    </message>
    <message>
        <source>Quota</source>
        <translation>Квота</translation>
    </message>
    <message>
        <source>Drawn</source>
        <translation>В выборке</translation>
    </message>
    <message>
        <source>Reviewed</source>
        <translation>Оценено</translation>
    </message>
    <message>
        <source>Of the quota</source>
        <translation>% квоты</translation>
    </message>
    <message>
        <source>Outside the sample</source>
        <translation>Вне выборки</translation>
    </message>
    <message>
        <source>Date</source>
        <translation>Дата</translation>
    </message>
    <message>
        <source>Client</source>
        <translation>Клиент</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Closing reason</source>
        <translation>Причина закрытия</translation>
    </message>
    <message>
        <source>Duration</source>
        <translation>Длительность</translation>
    </message>
    <message>
        <source>Picked</source>
        <translation>Отбор</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Being scored by</source>
        <translation>Оценивает</translation>
    </message>
    <message>
        <source>All operators</source>
        <translation>Все операторы</translation>
    </message>
    <message>
        <source>Any state</source>
        <translation>В любом состоянии</translation>
    </message>
    <message>
        <source>Waiting</source>
        <translation>Ждут оценки</translation>
    </message>
    <message>
        <source>Being scored</source>
        <translation>Оцениваются</translation>
    </message>
    <message>
        <source>Drafts</source>
        <translation>Черновики</translation>
    </message>
    <message>
        <source>&amp;Month:</source>
        <translation>&amp;Месяц:</translation>
    </message>
    <message>
        <source>Calls:</source>
        <translation>Звонки:</translation>
    </message>
    <message>
        <source>Enter or a double click takes the call and opens its review; F8 takes the next call nobody is scoring.</source>
        <translation>Enter или двойной щелчок — взять звонок и открыть оценку; F8 — взять следующий звонок, который никто не оценивает.</translation>
    </message>
    <message>
        <source>sample</source>
        <translation>выборка</translation>
    </message>
    <message>
        <source>on purpose</source>
        <translation>вне выборки</translation>
    </message>
    <message>
        <source>Quota {quota}, drawn {drawn}, reviewed {reviewed}</source>
        <translation>Квота {quota}, в выборке {drawn}, оценено {reviewed}</translation>
    </message>
    <message>
        <source>No sample drawn for this month yet</source>
        <translation>Выборка за этот месяц ещё не сформирована</translation>
    </message>
    <message>
        <source>Listed: {shown} of {total}</source>
        <translation>Показано: {shown} из {total}</translation>
    </message>
    <message>
        <source>Drawing the sample…</source>
        <translation>Формируется выборка…</translation>
    </message>
    <message>
        <source>Drawn now: {added}; calls in the sample: {total}</source>
        <translation>Отобрано сейчас: {added}; звонков в выборке: {total}</translation>
    </message>
    <message>
        <source>No call of this month&apos;s sample waits for a review: every call is scored or being scored (or the sample is not drawn yet).</source>
        <translation>В выборке этого месяца нет звонков, ждущих оценки: все оценены или оцениваются (или выборка ещё не сформирована).</translation>
    </message>
    <message>
        <source>Type the number of the call to listen to.</source>
        <translation>Введите номер звонка, который нужно прослушать.</translation>
    </message>
    <message>
        <source>Export the sample</source>
        <translation>Выгрузка выборки</translation>
    </message>
    <message>
        <source>Exporting the sample…</source>
        <translation>Выгружается выборка…</translation>
    </message>
    <message>
        <source>Exported {count} rows to {file}</source>
        <translation>Выгружено строк: {count}, файл {file}</translation>
    </message>
    <message>
        <source>Sample</source>
        <translation>Выборка</translation>
    </message>
</context>
<context>
    <name>SaveConfigDialog</name>
    <message>
        <source>Save the configuration as</source>
        <translation>Сохранить настройку как</translation>
    </message>
    <message>
        <source>Shared with everyone</source>
        <translation>Общая для всех</translation>
    </message>
    <message>
        <source>Name:</source>
        <translation>Название:</translation>
    </message>
</context>
<context>
    <name>ScriptPanel</name>
    <message>
        <source>No call script for this stage.</source>
        <translation>Для этого этапа нет скрипта.</translation>
    </message>
    <message>
        <source>Words</source>
        <translation>Текст</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>Шаг</translation>
    </message>
    <message>
        <source>Answers: {answers}</source>
        <translation>Ответы: {answers}</translation>
    </message>
    <message>
        <source>Path: no steps taken yet (Space takes a step).</source>
        <translation>Путь: шаги ещё не пройдены (Пробел — пройти шаг).</translation>
    </message>
    <message>
        <source>Path: {steps}</source>
        <translation>Путь: {steps}</translation>
    </message>
</context>
<context>
    <name>SectionKeys</name>
    <message>
        <source>Alt+{number}; Ctrl+PgUp / Ctrl+PgDn: the section before / after</source>
        <translation>Alt+{number}; Ctrl+PgUp / Ctrl+PgDn: предыдущий / следующий раздел</translation>
    </message>
</context>
<context>
    <name>SegmentDialog</name>
    <message>
        <source>Segment:</source>
        <translation>Сегмент:</translation>
    </message>
    <message>
        <source>Entry date:</source>
        <translation>Дата входа:</translation>
    </message>
    <message>
        <source>now</source>
        <translation>по сей день</translation>
    </message>
    <message>
        <source>No history yet.</source>
        <translation>Истории пока нет.</translation>
    </message>
    <message>
        <source>History:</source>
        <translation>История:</translation>
    </message>
    <message>
        <source>Saved now: {value}</source>
        <translation>Сейчас сохранено: {value}</translation>
    </message>
</context>
<context>
    <name>SessionTables</name>
    <message>
        <source>Question</source>
        <translation>Вопрос</translation>
    </message>
    <message>
        <source>Answer</source>
        <translation>Ответ</translation>
    </message>
    <message>
        <source>ПРИЗ</source>
        <translation>ПРИЗ</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Тип</translation>
    </message>
    <message>
        <source>State</source>
        <translation>Состояние</translation>
    </message>
    <message>
        <source>Worked on</source>
        <translation>Вела работу</translation>
    </message>
    <message>
        <source>Completed</source>
        <translation>Завершена</translation>
    </message>
    <message>
        <source>Unplanned</source>
        <translation>Внеплановый</translation>
    </message>
    <message>
        <source>Comment</source>
        <translation>Комментарий</translation>
    </message>
    <message>
        <source>Result</source>
        <translation>Результат</translation>
    </message>
    <message>
        <source>Dynamic</source>
        <translation>Динамический</translation>
    </message>
    <message>
        <source>Task</source>
        <translation>Задание</translation>
    </message>
    <message>
        <source>Competitor</source>
        <translation>Конкурент</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Выполнен</translation>
    </message>
    <message>
        <source>Retired</source>
        <translation>Снят</translation>
    </message>
    <message>
        <source>In progress</source>
        <translation>В работе</translation>
    </message>
    <message>
        <source>Instrument</source>
        <translation>Инструмент</translation>
    </message>
    <message>
        <source>Plan</source>
        <translation>План</translation>
    </message>
    <message>
        <source>Before</source>
        <translation>Ранее</translation>
    </message>
    <message>
        <source>Now</source>
        <translation>Сейчас</translation>
    </message>
</context>
<context>
    <name>SessionView</name>
    <message>
        <source>Next work</source>
        <translation>Следующая работа</translation>
    </message>
    <message>
        <source>Check the call again</source>
        <translation>Проверить звонок ещё раз</translation>
    </message>
    <message>
        <source>Go to the script</source>
        <translation>Перейти к скрипту</translation>
    </message>
    <message>
        <source>Go to the goal</source>
        <translation>Перейти к цели контакта</translation>
    </message>
    <message>
        <source>Go to ПРИЗ</source>
        <translation>Перейти к ПРИЗ</translation>
    </message>
    <message>
        <source>Go to the result</source>
        <translation>Перейти к результату</translation>
    </message>
    <message>
        <source>Contact took place</source>
        <translation>Контакт состоялся</translation>
    </message>
    <message>
        <source>Record the contact</source>
        <translation>Зафиксировать контакт</translation>
    </message>
    <message>
        <source>Call again in 15 minutes</source>
        <translation>Повторить звонок через 15 минут</translation>
    </message>
    <message>
        <source>Call again in 30 minutes</source>
        <translation>Повторить звонок через 30 минут</translation>
    </message>
    <message>
        <source>Call again in 60 minutes</source>
        <translation>Повторить звонок через 60 минут</translation>
    </message>
    <message>
        <source>Call again at a time</source>
        <translation>Повторить звонок в указанное время</translation>
    </message>
    <message>
        <source>Close the work</source>
        <translation>Закрыть работу</translation>
    </message>
    <message>
        <source>Give the work back</source>
        <translation>Вернуть работу в очередь</translation>
    </message>
    <message>
        <source>Refresh the queue</source>
        <translation>Обновить очередь</translation>
    </message>
    <message>
        <source>Finish the work you have first: record and close it, re-schedule it or give it back (Ctrl+Shift+Q).</source>
        <translation>Сначала завершите взятую работу: зафиксируйте и закройте её, перенесите или верните в очередь (Ctrl+Shift+Q).</translation>
    </message>
    <message>
        <source>This work cannot be taken: another operator holds it.</source>
        <translation>Эту работу взять нельзя: она у другого оператора.</translation>
    </message>
    <message>
        <source>Export the queue</source>
        <translation>Выгрузить очередь</translation>
    </message>
    <message>
        <source>Exported {count} works to {file}</source>
        <translation>Выгружено работ: {count} в {file}</translation>
    </message>
</context>
<context>
    <name>SetupPanel</name>
    <message>
        <source>To rows</source>
        <translation>В строки</translation>
    </message>
    <message>
        <source>To columns</source>
        <translation>В колонки</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Убрать</translation>
    </message>
    <message>
        <source>Move up</source>
        <translation>Выше</translation>
    </message>
    <message>
        <source>Move down</source>
        <translation>Ниже</translation>
    </message>
    <message>
        <source>Dimensions:</source>
        <translation>Разрезы:</translation>
    </message>
    <message>
        <source>Rows:</source>
        <translation>Строки:</translation>
    </message>
    <message>
        <source>Columns:</source>
        <translation>Колонки:</translation>
    </message>
    <message>
        <source>Drag dimensions between the lists, or use the buttons.</source>
        <translation>Перетаскивайте разрезы между списками или пользуйтесь кнопками.</translation>
    </message>
    <message>
        <source>Dimensions</source>
        <translation>Разрезы</translation>
    </message>
    <message>
        <source>Measures (Space ticks):</source>
        <translation>Показатели (Пробел — отметить):</translation>
    </message>
    <message>
        <source>Measures</source>
        <translation>Показатели</translation>
    </message>
    <message>
        <source>Specialists</source>
        <translation>Специалисты</translation>
    </message>
    <message>
        <source>Directions</source>
        <translation>Направления</translation>
    </message>
    <message>
        <source>Campaigns</source>
        <translation>Кампании</translation>
    </message>
    <message>
        <source>Stages</source>
        <translation>Этапы</translation>
    </message>
    <message>
        <source>Regions</source>
        <translation>Регионы</translation>
    </message>
    <message>
        <source>Segment values</source>
        <translation>Значения сегментов</translation>
    </message>
    <message>
        <source>Clear the filter</source>
        <translation>Снять отбор</translation>
    </message>
    <message>
        <source>Filter by:</source>
        <translation>Отбор по:</translation>
    </message>
    <message>
        <source>Nothing ticked: no restriction.</source>
        <translation>Ничего не отмечено — без ограничения.</translation>
    </message>
    <message>
        <source>Filter</source>
        <translation>Отбор</translation>
    </message>
</context>
<context>
    <name>SignInDialog</name>
    <message>
        <source>Who is working</source>
        <translation>Кто работает</translation>
    </message>
    <message>
        <source>This workstation keeps its data in a local file. Choosing your name here is not a password: anyone with access to this computer can read the file.</source>
        <translation>Это рабочее место хранит данные в локальном файле. Выбор имени здесь — не пароль: любой, у кого есть доступ к этому компьютеру, может прочитать файл.</translation>
    </message>
    <message>
        <source>Employee:</source>
        <translation>Сотрудник:</translation>
    </message>
    <message>
        <source>The database has no employees yet: you will be its administrator.</source>
        <translation>В базе ещё нет сотрудников: вы станете её администратором.</translation>
    </message>
    <message>
        <source>Full name:</source>
        <translation>ФИО:</translation>
    </message>
    <message>
        <source>Login:</source>
        <translation>Имя для входа:</translation>
    </message>
</context>
<context>
    <name>TargetedDialog</name>
    <message>
        <source>A call outside the sample</source>
        <translation>Звонок вне выборки</translation>
    </message>
    <message>
        <source>A call picked on purpose is scored as any other but is kept out of the sample&apos;s statistics.</source>
        <translation>Звонок, выбранный целенаправленно, оценивается как любой другой, но не входит в статистику выборки.</translation>
    </message>
    <message>
        <source>Call No.:</source>
        <translation>Звонок №:</translation>
    </message>
</context>
<context>
    <name>TemplatesPage</name>
    <message>
        <source>Check-lists</source>
        <translation>Чек-листы</translation>
    </message>
    <message>
        <source>Check-lists are edited in Excel: export a version, change it in the workbook and import it back — a changed check-list is published as its next version. Published versions never change; reviews keep the version they were scored on.</source>
        <translation>Чек-листы правят в Excel: выгрузите версию, измените её в книге и загрузите обратно — изменённый чек-лист публикуется следующей версией. Опубликованные версии не меняются; оценки остаются на той версии, по которой поставлены.</translation>
    </message>
    <message>
        <source>Check-lists are edited in Excel by supervisors; published versions never change. You may look at every version and export it.</source>
        <translation>Чек-листы правят в Excel руководители групп; опубликованные версии не меняются. Здесь можно посмотреть любую версию и выгрузить её.</translation>
    </message>
    <message>
        <source>Import from Excel…</source>
        <translation>Импорт из Excel…</translation>
    </message>
    <message>
        <source>Filter by name, sheet or stage</source>
        <translation>Фильтр по названию, листу или этапу</translation>
    </message>
    <message>
        <source>Ctrl+Shift+I</source>
        <translation>Ctrl+Shift+I</translation>
    </message>
    <message>
        <source>Export to Excel…</source>
        <translation>Экспорт в Excel…</translation>
    </message>
    <message>
        <source>Ctrl+E: the version shown on the right</source>
        <translation>Ctrl+E: версия, показанная справа</translation>
    </message>
    <message>
        <source>&amp;Filter:</source>
        <translation>&amp;Фильтр:</translation>
    </message>
    <message>
        <source>Check-list</source>
        <translation>Чек-лист</translation>
    </message>
    <message>
        <source>Sheet</source>
        <translation>Лист</translation>
    </message>
    <message>
        <source>Stage</source>
        <translation>Этап</translation>
    </message>
    <message>
        <source>Version</source>
        <translation>Версия</translation>
    </message>
    <message>
        <source>Published</source>
        <translation>Опубликована</translation>
    </message>
    <message>
        <source>Pass mark, %</source>
        <translation>Проходной балл, %</translation>
    </message>
    <message>
        <source>Criteria</source>
        <translation>Критериев</translation>
    </message>
    <message>
        <source>Older versions of the check-list (Ctrl+Shift+V)</source>
        <translation>Прежние версии чек-листа (Ctrl+Shift+V)</translation>
    </message>
    <message>
        <source>Section / criterion</source>
        <translation>Раздел / критерий</translation>
    </message>
    <message>
        <source>* a hint: in the criterion&apos;s tooltip</source>
        <translation>* — у критерия есть подсказка (во всплывающей подсказке)</translation>
    </message>
    <message>
        <source>Weight / points</source>
        <translation>Вес / баллы</translation>
    </message>
    <message>
        <source>A section&apos;s weight, a criterion&apos;s points</source>
        <translation>Вес раздела, баллы критерия</translation>
    </message>
    <message>
        <source>Scale</source>
        <translation>Шкала</translation>
    </message>
    <message>
        <source>Crit.</source>
        <translation>Крит.</translation>
    </message>
    <message>
        <source>Critical: a miss fails the whole review</source>
        <translation>Критичный: невыполнение проваливает всю оценку</translation>
    </message>
    <message>
        <source>N/A</source>
        <translation>Н/П</translation>
    </message>
    <message>
        <source>May be marked not applicable</source>
        <translation>Может быть отмечен как неприменимый</translation>
    </message>
    <message>
        <source>Comm.</source>
        <translation>Комм.</translation>
    </message>
    <message>
        <source>A comment is required on a miss</source>
        <translation>При невыполнении нужен комментарий</translation>
    </message>
    <message>
        <source>Version:</source>
        <translation>Версия:</translation>
    </message>
    <message>
        <source>No check-list chosen.</source>
        <translation>Чек-лист не выбран.</translation>
    </message>
    <message>
        <source>{number} of {date}</source>
        <translation>{number} от {date}</translation>
    </message>
    <message>
        <source>(current)</source>
        <translation>(текущая)</translation>
    </message>
    <message>
        <source>Version {number} published {date}; pass mark {mark} %; sheet «{sheet}»; sections {sections}, criteria {criteria}.</source>
        <translation>Версия {number} опубликована {date}; проходной балл {mark} %; лист «{sheet}»; разделов {sections}, критериев {criteria}.</translation>
    </message>
    <message>
        <source>Stage: {number}. {name}.</source>
        <translation>Этап: {number}. {name}.</translation>
    </message>
    <message>
        <source>This is an old version: reviews scored on it keep it.</source>
        <translation>Это старая версия: оценки, поставленные по ней, остаются на ней.</translation>
    </message>
    <message>
        <source>yes/no</source>
        <translation>да/нет</translation>
    </message>
    <message>
        <source>0-2</source>
        <translation>0-2</translation>
    </message>
    <message>
        <source>0-5</source>
        <translation>0-5</translation>
    </message>
    <message>
        <source>yes</source>
        <translation>да</translation>
    </message>
    <message>
        <source>weight {n}</source>
        <translation>вес {n}</translation>
    </message>
    <message>
        <source>{n} pts</source>
        <translation>баллов: {n}</translation>
    </message>
    <message>
        <source>Hint: {hint}</source>
        <translation>Подсказка: {hint}</translation>
    </message>
    <message>
        <source>Import check-lists</source>
        <translation>Загрузка чек-листов</translation>
    </message>
    <message>
        <source>Excel workbook (*.xlsx)</source>
        <translation>Книга Excel (*.xlsx)</translation>
    </message>
    <message>
        <source>Importing «{file}»…</source>
        <translation>Загрузка «{file}»…</translation>
    </message>
    <message>
        <source>Importing check-lists…</source>
        <translation>Загрузка чек-листов…</translation>
    </message>
    <message>
        <source>«{name}» (sheet «{sheet}»)</source>
        <translation>«{name}» (лист «{sheet}»)</translation>
    </message>
    <message>
        <source>{what}: published as version {number}</source>
        <translation>{what}: опубликован как версия {number}</translation>
    </message>
    <message>
        <source>, sections {sections}, criteria {criteria}</source>
        <translation>, разделов {sections}, критериев {criteria}</translation>
    </message>
    <message>
        <source>{what}: unchanged, version {number}</source>
        <translation>{what}: без изменений, версия {number}</translation>
    </message>
    <message>
        <source>; stage now {stage}</source>
        <translation>; этап теперь {stage}</translation>
    </message>
    <message>
        <source>Empty sheets skipped: {sheets}.</source>
        <translation>Пустые листы пропущены: {sheets}.</translation>
    </message>
    <message>
        <source>Imported «{file}»: new versions {count}.</source>
        <translation>Загружена книга «{file}»: новых версий {count}.</translation>
    </message>
    <message>
        <source>The workbook was not imported; nothing was written.</source>
        <translation>Книга не загружена; ничего не записано.</translation>
    </message>
    <message>
        <source>Export the check-list</source>
        <translation>Выгрузка чек-листа</translation>
    </message>
    <message>
        <source>Version {number} of «{name}» saved to {file}.</source>
        <translation>Версия {number} чек-листа «{name}» сохранена в {file}.</translation>
    </message>
</context>
<context>
    <name>_Dialog</name>
    <message>
        <source>Show what is saved now</source>
        <translation>Показать, что сохранено сейчас</translation>
    </message>
</context>
<context>
    <name>_PlanDialog</name>
    <message>
        <source>(choose)</source>
        <translation>(выберите)</translation>
    </message>
    <message>
        <source>(none)</source>
        <translation>(нет)</translation>
    </message>
    <message>
        <source>Plan even if an open work of this stage exists</source>
        <translation>Ещё одна работа этого этапа, даже если открытая уже есть</translation>
    </message>
    <message>
        <source>The stage&apos;s goal: {goal}</source>
        <translation>Цель этапа: {goal}</translation>
    </message>
    <message>
        <source>Choose the stage of the work.</source>
        <translation>Выберите этап работы.</translation>
    </message>
</context>
<context>
    <name>app</name>
    <message>
        <source>Filling the demo database…</source>
        <translation>Заполняю демонстрационную базу…</translation>
    </message>
    <message>
        <source>ПРИЗ updated for today: {raised} raised, {retired} retired.</source>
        <translation>ПРИЗ обновлены на сегодня: новых {raised}, снято {retired}.</translation>
    </message>
    <message>
        <source>ПРИЗ were not updated for today; they will be at the next start.</source>
        <translation>ПРИЗ на сегодня не обновлены; это будет сделано при следующем запуске.</translation>
    </message>
    <message>
        <source>Updating ПРИЗ for today…</source>
        <translation>Обновляю ПРИЗ на сегодня…</translation>
    </message>
    <message>
        <source>RIC Desk</source>
        <translation>РИЦ Деск</translation>
    </message>
</context>
<context>
    <name>messages</name>
    <message>
        <source>Something went wrong inside the program. Details are in {log}; please send it to the developers. Your data was not changed by the failed action.</source>
        <translation>Внутренняя ошибка программы. Подробности записаны в {log}; пожалуйста, передайте этот файл разработчикам. Неудавшееся действие ваши данные не изменило.</translation>
    </message>
</context>
<context>
    <name>operations</name>
    <message>
        <source>Cancel</source>
        <translation>Отмена</translation>
    </message>
</context>
</TS>
