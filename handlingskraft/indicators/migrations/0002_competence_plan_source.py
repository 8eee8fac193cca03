# A measure's values can be computed from the competence plan (the training app).

from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('indicators', '0001_initial'),
    ]

    operations = [
        migrations.AlterField(
            model_name='historicalmeasurevalue',
            name='source',
            field=models.CharField(choices=[('manual', 'Inmatat'), ('unit_survey', 'Enhetsenkät'), ('kolada', 'Kolada'), ('competence_plan', 'Kompetensförsörjningsplanen')], max_length=20, verbose_name='källa'),
        ),
        migrations.AlterField(
            model_name='measurevalue',
            name='source',
            field=models.CharField(choices=[('manual', 'Inmatat'), ('unit_survey', 'Enhetsenkät'), ('kolada', 'Kolada'), ('competence_plan', 'Kompetensförsörjningsplanen')], max_length=20, verbose_name='källa'),
        ),
    ]
