using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Tanpan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SourceDataQuality : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "ActivityUncertaintyPercent",
                table: "Sources",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Calibration",
                table: "Sources",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "FactorUncertaintyPercent",
                table: "Sources",
                type: "numeric(9,4)",
                precision: 9,
                scale: 4,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Measurement",
                table: "Sources",
                type: "character varying(24)",
                maxLength: 24,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "ActivityUncertaintyPercent",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Calibration",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "FactorUncertaintyPercent",
                table: "Sources");

            migrationBuilder.DropColumn(
                name: "Measurement",
                table: "Sources");
        }
    }
}
